import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { login } from "../api/auth";
import { CurrentPasswordField, IdentifierField } from "../components/auth-fields";
import { errorText, type FieldErrors, FormMessage, SubmitButton, validate } from "../components/form";
import { loadLoginSchema } from "../components/lazy-schemas";
import { Page } from "../components/ui";
import { markFirstScreenDrawn, prefetchWhenIdle } from "../idle";

export function LoginPage() {
  const { t } = useTranslation();
  const [values, setValues] = useState({ identifier: "", password: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    markFirstScreenDrawn();
    prefetchWhenIdle(loadLoginSchema);
  }, []);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const { LoginSchema } = await loadLoginSchema();
    const v = validate(LoginSchema, values, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      await login(v.data);
    } catch (err) {
      setFormError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("auth.loginTitle")}>
      <p className="lead">{t("app.tagline")}</p>
      <form onSubmit={onSubmit} noValidate className="card form">
        <IdentifierField
          value={values.identifier}
          error={errors.identifier}
          onChange={(e) => setValues({ ...values, identifier: e.target.value })}
        />
        <CurrentPasswordField
          label={t("auth.password")}
          value={values.password}
          error={errors.password}
          onChange={(e) => setValues({ ...values, password: e.target.value })}
        />
        <FormMessage error={formError} />
        <SubmitButton busy={busy}>{t("auth.login")}</SubmitButton>
      </form>
      <p className="center">
        <Link to="/reset">{t("auth.forgotLink")}</Link>
      </p>
      <p className="center">
        {t("auth.noAccount")} <Link to="/register">{t("auth.registerLink")}</Link>
      </p>
    </Page>
  );
}
