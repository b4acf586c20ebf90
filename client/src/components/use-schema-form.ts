import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { errorText, type FieldErrors, serverFieldErrors, validate } from "./form";

/**
 * A form's submit with a shared schema: checks the input first (errors at the field), then sends
 * it and puts the API's field errors at the field too. `err(k)` is the first error at `k` or under it.
 */
export function useSchemaForm<S extends z.ZodType>(schema: S, send: (data: z.output<S>) => Promise<unknown>) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  /** Validate and send; answers whether it was sent. */
  async function submit(input: unknown): Promise<boolean> {
    const r = validate(schema, input, t);
    if (!r.ok) {
      setErrors(r.errors);
      setFormError(t("validation.fixBelow"));
      return false;
    }
    setErrors({});
    setFormError(null);
    try {
      await send(r.data);
      return true;
    } catch (error) {
      setErrors(serverFieldErrors(error, t));
      setFormError(errorText(error, t));
      return false;
    }
  }
  const err = (k: string) =>
    errors[k] ?? Object.entries(errors).find(([key]) => key.startsWith(`${k}.`))?.[1];
  return { submit, err, formError };
}
