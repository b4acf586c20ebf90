import { z } from "zod";
import { PHONE_INPUT_MAX } from "../limits.js";

/** Characters people type between digits; removed before checking. */
const SEPARATORS = /[\s\-().\u00a0\u3000]/g;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** Mainland landline with its area code: 0 + 2-3 digit area + 7-8 digit number. */
const MAINLAND_LANDLINE = /^0[1-9]\d{1,2}\d{7,8}$/;
/** International, E.164: + country code and up to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Normalise a phone number as typed, or answer undefined when it is not one we accept: a mainland
 * mobile (`13812345678`, `+86 138 1234 5678` -> `13812345678`), a mainland landline with area code
 * (`010-1234 5678` -> `01012345678`), or an international number in E.164 form (`+44 20 7946 0958`
 * -> `+442079460958`). Full-width digits and the `00` international prefix are accepted.
 */
export function normalisePhone(input: string): string | undefined {
  let s = input.normalize("NFKC").replace(SEPARATORS, "");
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  if (s.startsWith("+86")) {
    const national = s.slice(3);
    if (MAINLAND_MOBILE.test(national)) return national;
    if (/^[1-9]\d{1,2}\d{7,8}$/.test(national)) return `0${national}`;
    return undefined;
  }
  if (MAINLAND_MOBILE.test(s) || MAINLAND_LANDLINE.test(s) || E164.test(s)) return s;
  return undefined;
}

/**
 * Normalise a mainland mobile number (the only kind of number people sign in with), or answer
 * undefined: `+86 138-1234-5678` -> `13812345678`.
 */
export function normaliseMobile(input: string): string | undefined {
  const n = normalisePhone(input);
  return n !== undefined && MAINLAND_MOBILE.test(n) ? n : undefined;
}

/** True for a stored (normalised) number that can sign in: a mainland mobile. */
export const isMobile = (stored: string): boolean => MAINLAND_MOBILE.test(stored);

/**
 * A phone number as set by its owner: normalised (see `normalisePhone`); `null` or blank removes it.
 * A number we cannot read fails with the message `phone` (the client shows its own sentence).
 */
export const PhoneInput = z
  .string()
  .max(PHONE_INPUT_MAX)
  .nullable()
  .transform((v, ctx) => {
    if (v === null || v.trim() === "") return null;
    const n = normalisePhone(v);
    if (n === undefined) {
      ctx.addIssue({ code: "custom", message: "phone", params: { i18n: "validation.phone" } });
      return z.NEVER;
    }
    return n;
  });

/**
 * A mainland mobile number to sign in with (`1[3-9]` and 9 more digits; spaces, dashes and `+86`
 * folded away). A number we cannot read fails with the message `mobile`.
 */
export const MobileInput = z
  .string()
  .max(PHONE_INPUT_MAX)
  .transform((v, ctx) => {
    const n = normaliseMobile(v);
    if (n === undefined) {
      ctx.addIssue({ code: "custom", message: "mobile", params: { i18n: "validation.mobile" } });
      return z.NEVER;
    }
    return n;
  });
