import { LIMITS, PHONE_INPUT_MAX } from "@carecircle/shared";
import type { ChangeEventHandler } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "./form";

/** What every sign-in field takes from its form: the value, its error and a change handler. */
interface AuthFieldProps {
  value: string;
  error?: string | undefined;
  onChange: ChangeEventHandler<HTMLInputElement>;
}

/**
 * The phone number or email she registered with (sign-in, reset): one field, one hint that
 * says either will do, filled by the browser's saved `username`.
 */
export function IdentifierField(props: AuthFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t("auth.identifier")}
      hint={t("auth.identifierHint")}
      autoComplete="username"
      {...props}
    />
  );
}

/** A field that says in its hint what to type (register, settings). */
type HintedFieldProps = AuthFieldProps & { label: string; hint: string };

/** A mobile number (register, settings): the phone's number pad, the browser's saved number. */
export function PhoneField(props: HintedFieldProps) {
  return (
    <TextField
      type="tel"
      inputMode="tel"
      autoComplete="tel-national"
      maxLength={PHONE_INPUT_MAX}
      {...props}
    />
  );
}

/** An email address (register): the keyboard with "@", the browser's saved address. */
export function EmailField(props: HintedFieldProps) {
  return <TextField type="email" inputMode="email" autoComplete="email" {...props} />;
}

/**
 * A password she is choosing (register, reset, change): the rule in plain words before she types,
 * unless `rule` is false (a "type it again" field); the server's answers (too short, too common)
 * arrive as `error`.
 */
export function NewPasswordField({
  label,
  rule = true,
  ...props
}: AuthFieldProps & { label: string; rule?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label}
      hint={rule ? t("auth.passwordRule", { min: LIMITS.passwordMin }) : undefined}
      type="password"
      autoComplete="new-password"
      {...props}
    />
  );
}

/** The password she has now (sign-in, change), for the browser's saved `current-password`. */
export function CurrentPasswordField({ label, ...props }: AuthFieldProps & { label: string }) {
  return <TextField label={label} type="password" autoComplete="current-password" {...props} />;
}
