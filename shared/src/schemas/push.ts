import { z } from "zod";
import { Id, IsoDateTime, label } from "./common.js";

/**
 * What a user can turn push on or off for (decision 106). `alerts` (crisis and stress alerts and
 * their escalations) and `reports` concern staff only.
 */
export const PUSH_KINDS = [
  "mentions",
  "direct",
  "booking_confirmed",
  "waitlist",
  "slot_cancelled",
  "reminders",
  "alerts",
  "reports",
] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/**
 * Pushed whatever the preferences say (quiet hours still hold it): notices about the account's
 * own security, such as a reset code issued for it (decision 118). Not a preference.
 */
export const ALWAYS_PUSHED = "account" as const;
/** What a notification kind is pushed under: a preference, or `account` (always). */
export type PushGroup = PushKind | typeof ALWAYS_PUSHED;

/**
 * Which notification kinds are pushed, and under which preference. Kinds not listed (family news,
 * sanctions) stay in the in-app list only.
 */
export const PUSH_KIND_OF: Readonly<Record<string, PushGroup>> = {
  mention: "mentions",
  reply: "mentions",
  direct_message: "direct",
  booking_confirmed: "booking_confirmed",
  booking_on_behalf: "booking_confirmed",
  booking_promoted: "waitlist",
  slot_cancelled: "slot_cancelled",
  booking_cancelled: "slot_cancelled",
  booking_reminder: "reminders",
  activity_promoted: "waitlist",
  activity_reminder: "reminders",
  activity_cancelled: "slot_cancelled",
  moderation_alert: "alerts",
  stress_alert: "alerts",
  alert_escalated: "alerts",
  report_filed: "reports",
  case_opened: "alerts",
  case_high_risk: "alerts",
  coverage_lost: "alerts",
  reset_code_issued: ALWAYS_PUSHED,
  scale_sent: "direct",
  child_checked_in: "reminders",
  child_picked_up: "reminders",
  incident_reported: ALWAYS_PUSHED,
  incident_addendum: ALWAYS_PUSHED,
  care_plan_review_due: "reminders",
  qualification_expiring: "reminders",
  series_booked: "booking_confirmed",
};

/**
 * What a push carries through the push service (decision 105): never message text, names, child
 * details or care notes; the service worker shows `title` and opens `url` on a tap.
 */
export const PushPayloadSchema = z.strictObject({
  kind: z.string(),
  title: z.string(),
  url: z.string().startsWith("/"),
  tag: z.string(),
});
export type PushPayload = z.infer<typeof PushPayloadSchema>;

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url");

/** A browser's PushSubscription as `toJSON()` gives it (expirationTime is ignored). */
export const PushSubscribeSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The device's P-256 public key: 65 bytes, 87 characters unpadded. */
    p256dh: base64url(86, 90),
    /** The auth secret: 16 bytes, 22 characters unpadded. */
    auth: base64url(21, 26),
  }),
  label: label(1, 80).optional(),
});
export type PushSubscribeInput = z.infer<typeof PushSubscribeSchema>;

export const PushUnsubscribeSchema = z.strictObject({ endpoint: z.string().min(1).max(2048) });

/** One of the caller's devices (the endpoint is shown so the browser can find its own). */
export const PushDeviceSchema = z.object({
  id: Id,
  endpoint: z.string(),
  label: z.string().nullable(),
  createdAt: IsoDateTime,
  lastSentAt: IsoDateTime.nullable(),
});
export type PushDevice = z.infer<typeof PushDeviceSchema>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM between 00:00 and 23:59");

/** Quiet hours, local to `timeZone`; may cross midnight (22:00-07:00). */
export const QuietHoursSchema = z
  .strictObject({ start: HHMM, end: HHMM })
  .refine((q) => q.start !== q.end, { message: "end must differ from start", path: ["end"] });

export const PushPreferencesSchema = z.object({
  kinds: z.record(z.enum(PUSH_KINDS), z.boolean()),
  quietHours: QuietHoursSchema.nullable(),
  /** The zone quiet hours are read in (the deployment's TIME_ZONE). */
  timeZone: z.string(),
});
export type PushPreferences = z.infer<typeof PushPreferencesSchema>;

/** Change some kinds and/or the quiet hours (null: none); what is not sent stays. */
export const PushPreferencesPutSchema = z.strictObject({
  kinds: z.partialRecord(z.enum(PUSH_KINDS), z.boolean()).optional(),
  quietHours: QuietHoursSchema.nullable().optional(),
});
export type PushPreferencesPutInput = z.infer<typeof PushPreferencesPutSchema>;
