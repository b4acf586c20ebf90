import { LIMITS, type Locale, RegisterSchema } from "@carecircle/shared";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { register } from "../api/auth";
import { ApiRequestError } from "../api/client";
import { EmailField, NewPasswordField, PhoneField } from "../components/auth-fields";
import { type FieldErrors, FormMessage, SubmitButton, TextField, validate } from "../components/form";
import { Page } from "../components/ui";
import { applyCareMode, storedCareMode } from "../hooks/use-care-mode";
import { explainError } from "../i18n/errors";

/** The fields of the form, under the names the API uses for them. */
const REGISTER_FIELDS = ["displayName", "phone", "email", "password", "inviteCode"];

type RegisterValues = Record<"phone" | "email" | "password" | "displayName" | "inviteCode", string>;

/** What the form sends: blank optional fields left out (a phone, an email, or both; decision 108). */
function registerInput(values: RegisterValues, locale: Locale, careMode: boolean) {
  return {
    ...(values.phone.trim() ? { phone: values.phone } : {}),
    ...(values.email.trim() ? { email: values.email } : {}),
    password: values.password,
    displayName: values.displayName,
    locale,
    careMode,
    ...(values.inviteCode.trim() ? { inviteCode: values.inviteCode } : {}),
  };
}

/**
 * Registration never says whether the number or email was taken (decision 084); a failed sign-in
 * after it does, next to the identifier she typed.
 */
function explainRegisterError(err: unknown, identifierField: string, t: TFunction) {
  if (err instanceof ApiRequestError && err.code === "INVALID_CREDENTIALS")
    return { fields: { [identifierField]: t("auth.registerMaybeTaken") }, form: t("validation.fixBelow") };
  return explainError(err, t, REGISTER_FIELDS);
}

/** Caregivers register themselves; an invite code joins an existing family. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState({
    phone: "",
    email: "",
    password: "",
    displayName: "",
    inviteCode: "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [care, setCare] = useState(storedCareMode);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [k]: e.target.value });

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(RegisterSchema, registerInput(values, i18n.language as Locale, care), t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      await register(v.data);
    } catch (err) {
      const x = explainRegisterError(err, values.phone.trim() ? "phone" : "email", t);
      setErrors(x.fields);
      setFormError(x.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("auth.registerTitle")}>
      <p className="lead">{t("auth.registerLead")}</p>
      <form onSubmit={onSubmit} noValidate className="card form">
        <TextField
          label={t("auth.displayName")}
          hint={t("auth.displayNameHint")}
          autoComplete="nickname"
          maxLength={LIMITS.displayNameMax}
          value={values.displayName}
          error={errors.displayName}
          onChange={set("displayName")}
        />
        <PhoneField
          label={t("auth.phone")}
          hint={t("auth.phoneHint")}
          value={values.phone}
          error={errors.phone}
          onChange={set("phone")}
        />
        <EmailField
          label={t("auth.emailOptional")}
          hint={t("auth.emailHint")}
          value={values.email}
          error={errors.email}
          onChange={set("email")}
        />
        <NewPasswordField
          label={t("auth.password")}
          value={values.password}
          error={errors.password}
          onChange={set("password")}
        />
        <TextField
          label={t("auth.inviteCode")}
          hint={t("auth.inviteCodeHint")}
          autoCapitalize="characters"
          maxLength={LIMITS.inviteCodeLength + 4}
          value={values.inviteCode}
          error={errors.inviteCode}
          onChange={set("inviteCode")}
        />
        <label className="check big">
          <input
            type="checkbox"
            checked={care}
            aria-describedby="care-hint"
            onChange={(e) => {
              setCare(e.target.checked);
              applyCareMode(e.target.checked);
            }}
          />
          <span>{t("auth.careMode")}</span>
        </label>
        <p className="hint" id="care-hint">
          {t("auth.careModeHint")}
        </p>
        <FormMessage error={formError} />
        <SubmitButton busy={busy}>{t("auth.register")}</SubmitButton>
      </form>
      <p className="center">
        {t("auth.haveAccount")} <Link to="/login">{t("auth.loginLink")}</Link>
      </p>
    </Page>
  );
}
