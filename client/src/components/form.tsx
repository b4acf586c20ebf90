import type { TFunction } from "i18next";
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ApiRequestError } from "../api/client";
import { explainError } from "../i18n/errors";

export type FieldErrors = Record<string, string>;

/** Validate form values with a shared zod schema; messages are translated. */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: TFunction,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    if (errors[key]) continue;
    errors[key] = issueText(issue, t);
  }
  return { ok: false, errors };
}

function issueText(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? t("validation.required")
          : t("validation.tooShort", { min: issue.minimum });
      if (issue.origin === "array") return t("validation.chooseOne");
      return t("validation.tooSmall", { min: issue.minimum });
    case "too_big":
      if (issue.origin === "string") return t("validation.tooLong", { max: issue.maximum });
      return t("validation.tooBig", { max: issue.maximum });
    case "invalid_format":
      if (issue.format === "email") return t("validation.email");
      return t("validation.format");
    case "invalid_type":
      return t("validation.required");
    case "custom": {
      // Shared schemas name their own sentence (e.g. `validation.phone`) and its values.
      const params = issue.params as { i18n?: unknown } | undefined;
      return typeof params?.i18n === "string" ? t(params.i18n, params) : t("validation.invalid");
    }
    default:
      return t("validation.invalid");
  }
}

/**
 * A user-facing sentence for any failure of an API call, for a form that shows no field errors
 * (field reasons are said in the sentence). Forms with fields use `explainError` (i18n/errors.ts).
 */
export function errorText(err: unknown, t: TFunction): string {
  return explainError(err, t).form;
}

/** Field errors from a VALIDATION_FAILED answer, each under the API's field name. */
export function serverFieldErrors(err: unknown, t: TFunction): FieldErrors {
  return explainError(err, t, err instanceof ApiRequestError ? Object.keys(err.fields) : []).fields;
}

/**
 * A failed save, said where it belongs: under the fields the server named, or else (and only
 * then) as one sentence for the whole form.
 */
export function saveErrors(err: unknown, t: TFunction): { fields: FieldErrors; form: string | null } {
  const fields = serverFieldErrors(err, t);
  return { fields, form: Object.keys(fields).length > 0 ? null : errorText(err, t) };
}

/** What ties a control to its label, hint and error for screen readers. */
interface FieldA11y {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** A label, an optional hint and an optional error around one control (`children` renders it). */
function Field({
  label,
  error,
  hint,
  id,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  id?: string | undefined;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const auto = useId();
  const fid = id ?? auto;
  const describedBy = [hint ? `${fid}-hint` : "", error ? `${fid}-err` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      {hint && (
        <p className="hint" id={`${fid}-hint`}>
          {hint}
        </p>
      )}
      {children({
        id: fid,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {error && (
        <p className="field-error" id={`${fid}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A labelled text input with its hint and error tied to it for screen readers. */
export function TextField({ label, error, hint, id, ...rest }: FieldProps) {
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      {(a11y) => <input {...a11y} {...rest} />}
    </Field>
  );
}

interface TextAreaProps extends React.TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

export function TextArea({ label, error, hint, id, ...rest }: TextAreaProps) {
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      {(a11y) => <textarea {...a11y} {...rest} />}
    </Field>
  );
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: string | undefined;
  options: { value: string; label: string }[];
}

export function SelectField({ label, error, options, id, ...rest }: SelectProps) {
  return (
    <Field label={label} error={error} id={id}>
      {(a11y) => (
        <select {...a11y} {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A group of checkboxes in a fieldset with a legend. */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange(v: string[]): void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset className="field checks" aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      <div className="check-grid">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
              }
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A form-level message (error or success) announced to screen readers. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error)
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  if (success)
    return (
      <p className="form-success" role="status">
        {success}
      </p>
    );
  return null;
}

/** A submit button that says it is busy. */
export function SubmitButton({ busy, children }: { busy?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className="btn primary" disabled={busy} aria-busy={busy || undefined}>
      {busy ? t("common.working") : children}
    </button>
  );
}
