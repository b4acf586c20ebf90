/*
 * Which translated sentence answers which API error detail. Data only (the media refusals come
 * from the shared contract), so a unit test can check it against the server's source and both
 * locale files (decision 093).
 */
import { MEDIA_REFUSALS, STAGE_REFUSALS } from "@carecircle/shared";

/**
 * A field's reason sentence as the server writes it (`invalid(field, reason)` in server/src, or a
 * shared schema's refine message) -> the key of a sentence that says what to fix.
 */
export const FIELD_REASON_KEYS: Readonly<Record<string, string>> = {
  "this password is too common; please choose another": "validation.passwordCommon",
  "must be in the future": "validation.startInPast",
  "is in the past": "validation.dateInPast",
  "must end after it starts": "validation.endBeforeStart",
  "must be after startTime": "validation.endBeforeStart",
  "must be after startsAt": "validation.endBeforeStart",
  "is required for station staff": "validation.stationRequired",
  "must not be before validFrom": "validation.validToBeforeFrom",
  "is outside the station's opening hours": "validation.outsideHours",
  "must end on the same local day when the station has opening hours": "validation.sameDay",
  "this station does not offer it": "validation.serviceNotOffered",
  "shifts of one day must not overlap": "validation.shiftsOverlap",
  phone_taken: "validation.phoneTaken",
  mobile_needed_to_sign_in: "validation.mobileNeeded",
  mobile: "validation.mobile",
  identifier: "validation.identifier",
  code: "validation.resetCode",
  "is required to go back to an earlier stage or to close the case": "validation.reasonRequired",
  "must name goals of this case": "validation.caseGoals",
  "must name a policy card of the library": "validation.policyCard",
};

/**
 * `details.reason` of a refusal (CONFLICT, NOT_BOOKABLE, UNSUPPORTED_MEDIA) -> its sentence, under `errors.reasons.`.
 * A quota refusal (`quota_reached`) names its kind in `details.quota`: `quota_week`, `quota_month`.
 */
export const REFUSAL_REASONS = [
  "not_started",
  "outside_attendance_window",
  "too_late",
  "cancelled",
  "blackout",
  "already_booked",
  "overlap",
  "not_open_yet",
  "type_not_accepted",
  "needs_unmet",
  "ratio_full",
  "quota_week",
  "quota_month",
  "visit_in_progress",
  // a photo or voice message refused by its content (UNSUPPORTED_MEDIA, PAYLOAD_TOO_LARGE)
  ...MEDIA_REFUSALS,
  // case work (decision 123): a stage move refused, an open case already, a decided sign-off
  ...STAGE_REFUSALS,
  "case_open",
  "not_pending",
  "no_follow_up",
] as const;
