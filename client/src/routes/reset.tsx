import { ResetPasswordSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { resetPassword } from "../api/auth";
import { IdentifierField, NewPasswordField } from "../components/auth-fields";
import { type FieldErrors, FormMessage, SubmitButton, TextField, validate } from "../components/form";
import { Page } from "../components/ui";
import { explainError } from "../i18n/errors";

const RESET_FIELDS = ["identifier", "code", "newPassword"];

/** Forgot the password: a code from the family's social worker sets a new one (decision 109). */
export function ResetPage() {
  const { t } = useTranslation();
  const [values, setValues] = useState({ identifier: "", code: "", newPassword: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [k]: e.target.value });

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(ResetPasswordSchema, values, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      await resetPassword(v.data);
    } catch (err) {
      const x = explainError(err, t, RESET_FIELDS);
      setErrors(x.fields);
      // One answer for a wrong number, a wrong code and an expired one: say what to do next.
      const wrong = x.fields.code === undefined && (err as { code?: string }).code === "INVALID_CREDENTIALS";
      setFormError(wrong ? t("reset.wrongCode") : x.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("reset.title")}>
      <p className="lead">{t("reset.lead")}</p>
      <form onSubmit={onSubmit} noValidate className="card form">
        <IdentifierField value={values.identifier} error={errors.identifier} onChange={set("identifier")} />
        <TextField
          label={t("reset.code")}
          hint={t("reset.codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          value={values.code}
          error={errors.code}
          onChange={set("code")}
        />
        <NewPasswordField
          label={t("reset.newPassword")}
          value={values.newPassword}
          error={errors.newPassword}
          onChange={set("newPassword")}
        />
        <FormMessage error={formError} />
        <SubmitButton busy={busy}>{t("reset.submit")}</SubmitButton>
      </form>
      <p className="center">
        <Link to="/login">{t("auth.loginLink")}</Link>
      </p>
    </Page>
  );
}
