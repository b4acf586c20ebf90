import { z } from "zod";
import { ALERT_KINDS, CRISIS_TIERS } from "../enums.js";
import { Id, IsoDateTime, text } from "./common.js";
import { MessageSchema } from "./messages.js";
import { MODERATION_LIMITS, PersonSchema } from "./moderation.js";

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
