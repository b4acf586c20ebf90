import { LIMITS } from "@carecircle/shared";
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
