import type { TFunction } from "i18next";
import { ApiRequestError, NetworkError } from "../api/client";
import { FIELD_REASON_KEYS, REFUSAL_REASONS } from "./error-keys";

/** What to show for a failed call: a sentence per form field, and one for the form itself. */
export interface ErrorExplanation {
  fields: Record<string, string>;
  form: string;
}

/**
 * Where the API's field names show in a form: a list of fields shown under the same name, or a
 * map from the API's name to the form's (`{ startsAt: "date" }`). A field not placed is said in
 * the form's message instead.
 */
export type FieldPlaces = readonly string[] | Readonly<Record<string, string>>;

const placeOf = (places: FieldPlaces, field: string): string | undefined =>
  Array.isArray(places)
    ? places.includes(field)
      ? field
      : undefined
    : (places as Readonly<Record<string, string>>)[field];

/** The sentence for one field of a VALIDATION_FAILED answer. */
function fieldText(reason: string, detailReason: string | undefined, t: TFunction): string {
  if (detailReason) return t(`validation.${detailReason}`, { defaultValue: t("validation.invalid") });
  const key = FIELD_REASON_KEYS[reason];
  return key ? t(key) : t("validation.invalid");
}

/** The sentence for a refusal that names its reason (or the booking status it found), if any. */
function refusalText(err: ApiRequestError, t: TFunction): string | undefined {
  const d = err.details ?? {};
  const reason = d.reason === "quota_reached" ? `quota_${String(d.quota)}` : d.reason;
  if ((REFUSAL_REASONS as readonly unknown[]).includes(reason)) return t(`errors.reasons.${String(reason)}`);
  if (typeof d.status === "string")
    return t("errors.bookingStatus", { status: t(`booking.status.${d.status}`) });
  return undefined;
}

function validationFailed(err: ApiRequestError, t: TFunction, places: FieldPlaces): ErrorExplanation {
  const detailReason = typeof err.details?.reason === "string" ? err.details.reason : undefined;
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [field, reason] of Object.entries(err.fields)) {
    const text = fieldText(reason, detailReason, t);
    const place = placeOf(places, field);
    if (place) fields[place] ??= text;
    else if (text !== t("validation.invalid")) unplaced.push(text);
  }
  const form = unplaced.length
    ? unplaced.join(" ")
    : Object.keys(fields).length
      ? t("validation.fixBelow")
      : t("errors.VALIDATION_FAILED");
  return { fields, form };
}

/**
 * The one mapping from a failed call to what the user reads: field errors from `details.fields`
 * (each reason translated, placed by `places`), a refusal's `details.reason` (quota kind
 * included), the wait of a rate limit, else the code's own sentence.
 */
export function explainError(err: unknown, t: TFunction, places: FieldPlaces = []): ErrorExplanation {
  if (err instanceof NetworkError) return { fields: {}, form: t("errors.network") };
  if (!(err instanceof ApiRequestError)) return { fields: {}, form: t("errors.INTERNAL") };
  if (err.code === "VALIDATION_FAILED") return validationFailed(err, t, places);
  if (err.code === "RATE_LIMITED") {
    const s = Number(err.details?.retryAfterSeconds ?? 0);
    return { fields: {}, form: t("errors.RATE_LIMITED", { seconds: s || 10 }) };
  }
  if (err.code === "CONFLICT" && typeof err.details?.confirmedCount === "number") {
    // Fewer seats than are already booked: the capacity field says how many at least.
    const text = t("validation.capacityBelowTaken", { count: err.details.confirmedCount });
    const place = placeOf(places, "capacity");
    return place ? { fields: { [place]: text }, form: t("validation.fixBelow") } : { fields: {}, form: text };
  }
  const form = refusalText(err, t) ?? t(`errors.${err.code}`, { defaultValue: t("errors.INTERNAL") });
  return { fields: {}, form };
}
