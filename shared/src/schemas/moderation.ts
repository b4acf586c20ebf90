import { z } from "zod";
import { ALERT_KINDS, CRISIS_TIERS, MATCH_FORMS, REPORT_REASONS, WATCHED_WORD_ACTIONS } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, IsoDateTime, label, queryInt, text } from "./common.js";
import { MessageSchema } from "./messages.js";
import { AuthorHistorySchema } from "./moderation-members.js";

/** Named limits of moderation. */
export const MODERATION_LIMITS = {
  /** Mutes last from one minute to 30 days. */
  muteMinutesMax: 30 * 24 * 60,
  phraseMax: 100,
  /** Curated slang spellings per watched word. */
  variantsMax: 20,
  noteMax: LIMITS.reasonMax,
  helpTextMax: 2000,
  /** Messages shown before and after a reported message in the review queue. */
  queueContext: 2,
  auditPageMax: 200,
} as const;

/** Every kind of audit log entry. */
export const AUDIT_ACTIONS = [
  "group_created",
  "group_updated",
  "moderator_added",
  "message_deleted",
  "message_hidden",
  "message_restored",
  "message_pinned",
  "message_unpinned",
  "member_muted",
  "member_unmuted",
  "member_removed",
  "member_banned",
  "member_unbanned",
  "report_dismissed",
  "report_actioned",
  "alert_acknowledged",
  "alert_claimed",
  "alert_escalated",
  "watched_word_added",
  "watched_word_changed",
  "watched_word_removed",
  "crisis_help_changed",
  "account_disabled",
  "account_enabled",
  /** A caregiver erased their own account; `after.subject` is a pseudonym, never a name or email. */
  "account_deleted",
  /** Staff read a caregiver's phone number (`targetUserId`); `after.familyId` says which family. */
  "phone_viewed",
  /** A private conversation between a family and a social worker was opened (`after.familyId`). */
  "conversation_opened",
  /** Staff read a family's stress check-ins and their notes (`after.familyId`). */
  "checkins_viewed",
  /** A caregiver was removed from a family (`targetUserId`, `after.familyId`). */
  "family_caregiver_removed",
  /** A join request was approved (`targetUserId` = requester, `after.familyId`). */
  "family_join_approved",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A moderator's reason for an action (shown in the audit log, and to a muted member). */
export const Reason = text(1, LIMITS.reasonMax);

export const ReasonSchema = z.strictObject({ reason: Reason });
export type ReasonInput = z.infer<typeof ReasonSchema>;

/** Lifting a mute or a ban early: a reason is welcome but optional. */
export const LiftSchema = z.strictObject({ reason: Reason.optional() });
export type LiftInput = z.infer<typeof LiftSchema>;

/** A person as moderators see them in moderation answers: pseudonym only. */
export const PersonSchema = z.object({ id: Id, displayName: z.string() });
export type Person = z.infer<typeof PersonSchema>;

// ---- reports and the review queue ----

export const ReportCreateSchema = z.strictObject({
  reason: z.enum(REPORT_REASONS),
  note: text(1, MODERATION_LIMITS.noteMax).optional(),
});
export type ReportCreateInput = z.infer<typeof ReportCreateSchema>;

export const REPORT_STATUSES = ["open", "dismissed", "actioned"] as const;

/** A report as its reporter sees it. */
export const ReportSchema = z.object({
  id: Id,
  messageId: Id,
  groupId: Id,
  reason: z.enum(REPORT_REASONS),
  status: z.enum(REPORT_STATUSES),
  createdAt: IsoDateTime,
});
export type Report = z.infer<typeof ReportSchema>;

export const QueueQuery = z.strictObject({ groupId: Id.optional() });

/** Open reports of one message, with the message and a few around it. */
export const QueueItemSchema = z.object({
  group: z.object({ id: Id, name: z.string() }),
  message: MessageSchema,
  context: z.array(MessageSchema),
  reporterCount: z.number().int(),
  reasons: z.partialRecord(z.enum(REPORT_REASONS), z.number().int()),
  reports: z.array(
    z.object({
      id: Id,
      reason: z.enum(REPORT_REASONS),
      note: z.string().nullable(),
      /** Filed by a `flag` watched word, not by a member. */
      automatic: z.boolean(),
      createdAt: IsoDateTime,
    }),
  ),
  firstReportedAt: IsoDateTime,
  /** The author's record in this group; null when the account no longer exists. */
  authorHistory: AuthorHistorySchema.nullable(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const RESOLVE_ACTIONS = ["dismiss", "delete", "mute", "remove", "ban"] as const;
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number];

/** A moderator's decision on a reported message (closes all its open reports). */
export const ResolveSchema = z
  .strictObject({
    action: z.enum(RESOLVE_ACTIONS),
    reason: Reason,
    /** Required when `action` is `mute`. */
    muteMinutes: z.number().int().min(1).max(MODERATION_LIMITS.muteMinutesMax).optional(),
  })
  .refine((v) => (v.action === "mute") === (v.muteMinutes !== undefined), {
    message: "muteMinutes is required for mute, and only for mute",
    path: ["muteMinutes"],
  });
export type ResolveInput = z.infer<typeof ResolveSchema>;

// ---- sanctions ----

export const MuteCreateSchema = z.strictObject({
  userId: Id,
  minutes: z.number().int().min(1).max(MODERATION_LIMITS.muteMinutesMax),
  reason: Reason,
});
export type MuteCreateInput = z.infer<typeof MuteCreateSchema>;

export const BanCreateSchema = z.strictObject({ userId: Id, reason: Reason });
export type BanCreateInput = z.infer<typeof BanCreateSchema>;

export const MuteSchema = z.object({
  id: Id,
  groupId: Id,
  user: PersonSchema,
  until: IsoDateTime,
  reason: z.string(),
  createdAt: IsoDateTime,
});
export type Mute = z.infer<typeof MuteSchema>;

export const BanSchema = z.object({
  groupId: Id,
  user: PersonSchema,
  reason: z.string(),
  createdAt: IsoDateTime,
});
export type Ban = z.infer<typeof BanSchema>;

// ---- watched words ----

/** Actions a match can lead to (an `allow` exception only ever holds matches back). */
export const SCREENING_ACTIONS = ["block", "flag", "crisis"] as const;

const Variant = label(1, MODERATION_LIMITS.phraseMax);

const watchedWordFields = {
  phrase: label(1, MODERATION_LIMITS.phraseMax),
  action: z.enum(WATCHED_WORD_ACTIONS),
  /** Crisis entries only (defaults to `intent`). */
  tier: z.enum(CRISIS_TIERS).optional(),
  /** Which forms match; by default all of them. */
  forms: z
    .array(z.enum(MATCH_FORMS))
    .min(1)
    .max(MATCH_FORMS.length)
    .refine((f) => new Set(f).size === f.length, { message: "forms must not repeat" })
    .optional(),
  /** Curated homophone and slang spellings (e.g. 紫砂 for 自杀), matched as the `slang` form. */
  variants: z.array(Variant).max(MODERATION_LIMITS.variantsMax).optional(),
};

const tierOnlyForCrisis = (v: { action?: string; tier?: string }) =>
  v.tier === undefined || v.action === undefined || v.action === "crisis";
const tierIssue = { message: "a tier is for crisis entries only", path: ["tier"] };

export const WatchedWordCreateSchema = z.strictObject(watchedWordFields).refine(tierOnlyForCrisis, tierIssue);
export type WatchedWordCreateInput = z.infer<typeof WatchedWordCreateSchema>;

export const WatchedWordUpdateSchema = z
  .strictObject(watchedWordFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" })
  .refine(tierOnlyForCrisis, tierIssue);
export type WatchedWordUpdateInput = z.infer<typeof WatchedWordUpdateSchema>;

export const WatchedWordSchema = z.object({
  id: Id,
  phrase: z.string(),
  action: z.enum(WATCHED_WORD_ACTIONS),
  /** Set for crisis entries, null otherwise. */
  tier: z.enum(CRISIS_TIERS).nullable(),
  forms: z.array(z.enum(MATCH_FORMS)),
  variants: z.array(z.string()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type WatchedWord = z.infer<typeof WatchedWordSchema>;

export const WatchedWordTestSchema = z.strictObject({ text: text(1, LIMITS.messageMax) });

/** A rule that matched, how it matched, and the (normalised) text it matched. */
export const WatchedWordMatchSchema = WatchedWordSchema.extend({
  form: z.enum(MATCH_FORMS),
  matchedText: z.string(),
});
export type WatchedWordMatch = z.infer<typeof WatchedWordMatchSchema>;

/**
 * Which rules match a text, and what a send of it would do (`block` > `crisis` > `flag`):
 * the normalised text that was matched, each match with its form, and each match an
 * exception held back (with the exception's phrase).
 */
export const WatchedWordTestResultSchema = z.object({
  action: z.enum(SCREENING_ACTIONS).nullable(),
  /** The highest tier among crisis matches. */
  tier: z.enum(CRISIS_TIERS).nullable(),
  normalized: z.string(),
  matches: z.array(WatchedWordMatchSchema),
  heldBack: z.array(WatchedWordMatchSchema.extend({ heldBy: z.object({ id: Id, phrase: z.string() }) })),
});
export type WatchedWordTestResult = z.infer<typeof WatchedWordTestResultSchema>;

// ---- crisis alerts ----

export const ALERT_STATUSES = ["open", "acknowledged"] as const;

/** One escalation step of an alert: 1 = on-duty and assigned social workers, 2 = admins. */
export const AlertEscalationSchema = z.object({
  step: z.number().int().min(1).max(2),
  at: IsoDateTime,
  /** How many people this step notified. */
  recipients: z.number().int(),
});
export type AlertEscalation = z.infer<typeof AlertEscalationSchema>;

/**
 * A safety alert: crisis talk in a group (`kind: crisis`, with its message) or a caregiver's
 * high or rising stress (`kind: stress`, with the check-in and her note). Open until a person
 * acknowledges it with a follow-up note; escalates from `createdAt` (the message's or check-in's
 * time) while nobody does.
 */
export const CrisisAlertSchema = z.object({
  id: Id,
  kind: z.enum(ALERT_KINDS),
  tier: z.enum(CRISIS_TIERS),
  /** The group of a crisis alert (null for stress alerts). */
  group: z.object({ id: Id, name: z.string() }).nullable(),
  messageId: Id.nullable(),
  /** The family concerned: the author's (crisis) or the checking-in family (stress); null if unknown. */
  familyId: Id.nullable(),
  /** `word`: matched a crisis rule; `report`: a member reported it as crisis; `checkin`: a stress check-in. */
  source: z.enum(["word", "report", "checkin"]),
  status: z.enum(ALERT_STATUSES),
  /** The message as moderators see it (null for stress alerts or if it no longer exists). */
  message: MessageSchema.nullable(),
  /** The stress check-in behind a stress alert, with the caregiver's note. */
  checkin: z.object({ id: Id, stress: z.number().int(), note: z.string().nullable() }).nullable(),
  createdAt: IsoDateTime,
  claimedBy: PersonSchema.nullable(),
  claimedAt: IsoDateTime.nullable(),
  /** 0 none yet, 1 on-duty and assigned social workers, 2 admins. */
  escalationStep: z.number().int().min(0).max(2),
  /** When the next step is due unless acknowledged first (null when acknowledged or at the last step). */
  nextEscalationAt: IsoDateTime.nullable(),
  escalations: z.array(AlertEscalationSchema),
  acknowledgedAt: IsoDateTime.nullable(),
  acknowledgedBy: PersonSchema.nullable(),
  followUpNote: z.string().nullable(),
});
export type CrisisAlert = z.infer<typeof CrisisAlertSchema>;

/** Without `groupId`: every alert I may see (crisis and stress), most urgent tier first, then oldest. */
export const AlertListQuery = z.strictObject({
  status: z.enum([...ALERT_STATUSES, "all"]).default("open"),
  groupId: Id.optional(),
});

/** Acknowledging an alert records the follow-up (who was contacted, what was agreed). */
export const AlertAckSchema = z.strictObject({ note: text(1, MODERATION_LIMITS.noteMax) });

/** Claiming an alert ("我来跟进"); another person's claim is only replaced with `takeOver: true`. */
export const AlertClaimSchema = z.strictObject({ takeOver: z.boolean().default(false) });
export type AlertClaimInput = z.infer<typeof AlertClaimSchema>;

export const DashboardQuery = z.strictObject({ groupId: Id.optional() });

/** One ISO week (Monday, in the deployment's time zone) of alert handling. */
export const AlertWeekSchema = z.object({
  /** Local date of the week's Monday, `YYYY-MM-DD`. */
  weekStart: z.string(),
  alerts: z.number().int(),
  /** Share (0-1) acknowledged before the first escalation was due (5 minutes by default); null without alerts. */
  ackedInTimeShare: z.number().nullable(),
  medianAckSeconds: z.number().nullable(),
  /** Alerts that reached at least escalation step 1. */
  escalated: z.number().int(),
});
export type AlertWeek = z.infer<typeof AlertWeekSchema>;

export const DashboardSchema = z.object({
  openAlerts: z.number().int(),
  acknowledgedAlerts: z.number().int(),
  /** Median seconds from an alert to its acknowledgement (null before the first one). */
  medianAckSeconds: z.number().nullable(),
  openReports: z.number().int(),
  hiddenMessages: z.number().int(),
  /** The last 12 weeks, oldest first (weeks without alerts included). */
  weeks: z.array(AlertWeekSchema),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

// ---- on-duty hours ----

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM between 00:00 and 24:00");

/** One weekly shift in the deployment's time zone; ISO weekday 1 = Monday. `end` is exclusive. */
export const DutyShiftSchema = z
  .strictObject({ weekday: z.number().int().min(1).max(7), start: HHMM, end: HHMM })
  .refine((s) => s.start < s.end, { message: "end must be after start", path: ["end"] });
export type DutyShift = z.infer<typeof DutyShiftSchema>;

export const DutyHoursSchema = z.object({ timeZone: z.string(), shifts: z.array(DutyShiftSchema) });
export type DutyHours = z.infer<typeof DutyHoursSchema>;

/** Replace all shifts (at most 4 per day). */
export const DutyHoursPutSchema = z.strictObject({ shifts: z.array(DutyShiftSchema).max(28) });
export type DutyHoursPutInput = z.infer<typeof DutyHoursPutSchema>;

// ---- help text for crisis talk ----

/** The supportive text the author of crisis talk sees, per locale (operator-configured). */
export const CrisisHelpSchema = z.object({ "zh-CN": z.string(), en: z.string() });
export type CrisisHelp = z.infer<typeof CrisisHelpSchema>;

const helpText = text(1, MODERATION_LIMITS.helpTextMax);
export const CrisisHelpUpdateSchema = z
  .strictObject({ "zh-CN": helpText.optional(), en: helpText.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });
export type CrisisHelpUpdateInput = z.infer<typeof CrisisHelpUpdateSchema>;

// ---- audit log ----

export const AuditQuery = z.strictObject({
  groupId: Id.optional(),
  /** Entries older than this id (keyset pagination, newest first). */
  before: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInt(1, MODERATION_LIMITS.auditPageMax).default(LIMITS.pageSizeDefault),
});

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  action: z.enum(AUDIT_ACTIONS),
  actor: PersonSchema.nullable(),
  targetUser: PersonSchema.nullable(),
  groupId: Id.nullable(),
  messageId: Id.nullable(),
  reason: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  createdAt: IsoDateTime,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
