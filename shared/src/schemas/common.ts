import { z } from "zod";

// PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate cannot round-trip through UTF-8,
// so both are refused at the edge instead of failing (or being altered) in the database.
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Free text of `min`..`max` characters counted after trimming. The value is kept exactly as sent
 * (not trimmed), so accepted text is stored and returned byte-for-byte.
 */
export function text(min: number, max: number) {
  return z
    .string()
    .max(max * 2)
    .refine((s) => !UNSAFE_TEXT.test(s), { message: "contains a NUL byte or invalid UTF-16" })
    .refine((s) => s.trim().length >= min, {
      message: `must have at least ${min} non-blank character(s)`,
      // the client's sentence for this check (components/form.tsx)
      params: min <= 1 ? { i18n: "validation.required" } : { i18n: "validation.tooShort", min },
    })
    .refine((s) => s.trim().length <= max, {
      message: `must have at most ${max} characters`,
      params: { i18n: "validation.tooLong", max },
    });
}

/** A short label (names, titles): trimmed, safe, `min`..`max` characters. */
export function label(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), { message: "contains a NUL byte or invalid UTF-16" });
}

/** UUID path/body identifier. */
export const Id = z.uuid();

/** `{ id }` route params. */
export const IdParams = z.strictObject({ id: Id });

/** The answer of an action that has nothing else to say. */
export const OkSchema = z.object({ ok: z.literal(true) });

/** An ISO 8601 timestamp with an offset, as every API answer carries. */
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Query-string integer (strings from the URL are coerced). */
export function queryInt(min: number, max: number) {
  return z.coerce.number().int().min(min).max(max);
}
