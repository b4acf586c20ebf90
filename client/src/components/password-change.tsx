import { ChangePasswordSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { changePassword, login } from "../api/auth";
import { ApiRequestError } from "../api/client";
import { clearSession } from "../api/session";
import { useMe } from "../hooks/use-auth";
import { explainError } from "../i18n/errors";
import { CurrentPasswordField, NewPasswordField } from "./auth-fields";
import { type FieldErrors, FormMessage, SubmitButton, validate } from "./form";
import { showToast } from "./toasts";

const EMPTY = { currentPassword: "", newPassword: "", confirm: "" };

/**
 * Change own password (Settings). The server ends every session, this one too, so the page signs
 * in again with the new password at once; she lands back on Settings with a note.
 */
export function PasswordChange() {
  const { t } = useTranslation();
  const me = useMe();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string }>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [k]: e.target.value });

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const { confirm, ...input } = values;
    const v = validate(ChangePasswordSchema, input, t);
    const mismatch: FieldErrors = confirm !== input.newPassword ? { confirm: t("password.mismatch") } : {};
    if (!v.ok || mismatch.confirm) return setErrors({ ...(v.ok ? {} : v.errors), ...mismatch });
    setErrors({});
    setMsg({});
    setBusy(true);
    try {
      await changePassword(v.data);
      // Every session ended: drop this one (and its socket) before signing in with the new password.
      clearSession();
      await login({ identifier: (me.email ?? me.phone) as string, password: v.data.newPassword });
      showToast(t("password.changed"));
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === "INVALID_CREDENTIALS") {
        setErrors({ currentPassword: t("password.currentWrong") });
      } else {
        const x = explainError(err, t, ["currentPassword", "newPassword"]);
        setErrors(x.fields);
        setMsg({ error: x.form });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="password-h">
      <h2 id="password-h">{t("password.title")}</h2>
      <form onSubmit={onSubmit} noValidate className="form">
        <CurrentPasswordField
          label={t("password.current")}
          value={values.currentPassword}
          error={errors.currentPassword}
          onChange={set("currentPassword")}
        />
        <NewPasswordField
          label={t("password.new")}
          value={values.newPassword}
          error={errors.newPassword}
          onChange={set("newPassword")}
        />
        <NewPasswordField
          label={t("password.confirm")}
          rule={false}
          value={values.confirm}
          error={errors.confirm}
          onChange={set("confirm")}
        />
        <FormMessage error={msg.error} />
        <SubmitButton busy={busy}>{t("password.submit")}</SubmitButton>
      </form>
    </section>
  );
}
