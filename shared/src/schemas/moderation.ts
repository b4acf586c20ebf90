import { z } from "zod";
import { REPORT_REASONS } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, IsoDateTime, queryInt, text } from "./common.js";
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
  /** A social worker or admin issued a password reset code for `targetUserId` (never the code). */
  "reset_code_issued",
  /** `targetUserId` set a new password with a reset code; every other session ended. */
  "reset_code_used",
  /** A family's household status was recorded (`after.familyId`, `before`/`after.householdStatus`). */
  "household_status_set",
  /** Staff read a case, its records or its timeline (`after.caseId`, `after.familyId`, `after.part`). */
  "case_viewed",
  /** The supervisor edited a service record after its author's 24 hours (`after.caseId`, `after.recordId`). */
  "case_record_edited",
  /** The supervisor deleted a service record (`reason`, `after.caseId`, `after.recordId`, `after.kind`). */
  "case_record_deleted",
  /** Closed cases past their retention were purged (`after.count`); decision 124. */
  "cases_purged",
  /** Staff read the answers of a scale administration (`after.familyId`, `after.administrationId`). */
  "scale_answers_viewed",
  /** Staff read a family's scale results (`after.familyId`). */
  "scale_results_viewed",
  /** Staff read a family's support map or its snapshots (`after.familyId`, `after.part`). */
  "support_map_viewed",
  /** An admin saved a scale definition (`after.scaleId`, `after.version`). */
  "scale_saved",
  /** An admin offered a scale or stopped offering it (`after.scaleId`, `after.active`). */
  "scale_active_changed",
  /** Staff (social worker or admin) read incident reports (`after.familyId` or `after.stationId`, `after.count`). */
  "incidents_viewed",
  /** Staff read a child's care plans (`after.childId`, `after.familyId`). */
  "care_plans_viewed",
  /**
   * Staff read a child's care needs (`after.childId`, `after.familyId`), or a coverage alert naming
   * children and their unmet needs (`after.coverageAlertId`, `after.children`).
   */
  "care_needs_viewed",
  /** An organiser read who signed up for a group activity (`after.activityId`, `after.count`). */
  "activity_participants_viewed",
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
