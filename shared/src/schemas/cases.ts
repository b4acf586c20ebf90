import { z } from "zod";
import { LocalDate } from "./booking-common.js";
import {
  CASE_EVENT_KINDS,
  CASE_RECORD_KINDS,
  CASE_SOURCES,
  CASE_STAGES,
  CASE_WORKER_ROLES,
  FOLLOW_UP_STATUSES,
  GOAL_STATUSES,
  CASE_LIMITS as L,
  PRESENTING_PROBLEMS,
  RISK_LEVELS,
  SIGNOFF_POINTS,
  SIGNOFF_STATES,
  WALSH_DOMAINS,
} from "./case-enums.js";
import { Id, IsoDateTime, text } from "./common.js";

export * from "./case-enums.js";

const Stage = z.enum(CASE_STAGES);
const Problems = z
  .array(z.enum(PRESENTING_PROBLEMS))
  .max(L.problemsMax)
  .refine((a) => new Set(a).size === a.length, { message: "must not repeat a problem" });
const Note = text(0, L.noteMax);
const Version = z.number().int().min(1);
const Person = z.object({ id: Id, displayName: z.string() });

// ---- staff view ----

/** A stage change with its sign-off (decision 123). */
export const CaseStageChangeSchema = z.object({
  id: Id,
  from: Stage,
  to: Stage,
  reason: z.string().nullable(),
  by: Person.nullable(),
  at: IsoDateTime,
  signoff: z.enum(SIGNOFF_STATES),
  signoffBy: Person.nullable(),
  signoffAt: IsoDateTime.nullable(),
  signoffComment: z.string().nullable(),
});
export type CaseStageChange = z.infer<typeof CaseStageChangeSchema>;

/** A plan goal in one of Walsh's domains; `respite` makes it (part of) the case's respite plan. */
export const CaseGoalSchema = z.object({
  id: Id,
  domain: z.enum(WALSH_DOMAINS),
  goal: z.string(),
  actions: z.array(z.string()),
  targetDate: LocalDate.nullable(),
  status: z.enum(GOAL_STATUSES),
  progressNote: z.string().nullable(),
  respite: z.object({ sessionsPerMonth: z.number().int() }).nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CaseGoal = z.infer<typeof CaseGoalSchema>;

/** A case in a list: no notes, no problems, nothing a list needs not show. */
export const CaseSummarySchema = z.object({
  id: Id,
  /** Null once the family's last caregiver erased her account (the record is kept, decision 124). */
  familyId: Id.nullable(),
  /** Display names of the family's caregivers, to tell cases apart. */
  caregiverNames: z.array(z.string()),
  stage: Stage,
  riskLevel: z.enum(RISK_LEVELS),
  source: z.enum(CASE_SOURCES),
  lead: Person.nullable(),
  /** A stage change waiting for the supervisor. */
  pendingChange: CaseStageChangeSchema.nullable(),
  /** Referrals and applications still `submitted` (a count: the list carries no records). */
  pendingFollowUps: z.number().int().min(0),
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** The whole case as its social workers and the supervisor read it (an audited read). */
export const CaseSchema = CaseSummarySchema.extend({
  presentingProblems: z.array(z.enum(PRESENTING_PROBLEMS)),
  problemNote: z.string().nullable(),
  /** The family's strengths (strengths perspective). */
  strengths: z.string().nullable(),
  closedReason: z.string().nullable(),
  workers: z.array(Person.extend({ role: z.enum(CASE_WORKER_ROLES) })),
  goals: z.array(CaseGoalSchema),
  stageChanges: z.array(CaseStageChangeSchema),
  /** The stage moves this deployment puts behind the supervisor's sign-off (`CASE_SIGNOFF`). */
  signoffPoints: z.array(z.enum(SIGNOFF_POINTS)),
  /** When the closed record is purged (decision 124); null while open. */
  purgeAfter: IsoDateTime.nullable(),
});
export type Case = z.infer<typeof CaseSchema>;

/** A service record: one contact with the family or on its behalf. */
export const CaseRecordSchema = z.object({
  id: Id,
  caseId: Id,
  kind: z.enum(CASE_RECORD_KINDS),
  author: Person.nullable(),
  occurredOn: LocalDate,
  durationMinutes: z.number().int(),
  goalIds: z.array(Id),
  notes: z.string(),
  sharedWithFamily: z.boolean(),
  /** A short label, e.g. "低保申请" for a subsidy application. */
  subject: z.string().nullable(),
  /** Referrals and resource linking only: where the application stands. */
  followUpStatus: z.enum(FOLLOW_UP_STATUSES).nullable(),
  followUpBy: Person.nullable(),
  followUpAt: IsoDateTime.nullable(),
  /** The policy card of a subsidy application (issue 18 §5), when linked. */
  policyCardId: Id.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Whether the caller may still edit it (the author within 24 hours; the supervisor always). */
  editable: z.boolean(),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

/** One timeline entry: a case event, or a respite session of the family (from its bookings). */
export const CaseTimelineEntrySchema = z.object({
  kind: z.enum(CASE_EVENT_KINDS),
  at: IsoDateTime,
  /** The alert, stage change, record, booking or scale administration the entry is about. */
  refId: Id.nullable(),
  stage: z.object({ from: Stage, to: Stage }).optional(),
  recordKind: z.enum(CASE_RECORD_KINDS).optional(),
  respite: z.object({ status: z.string(), stationName: z.string(), minutes: z.number().int() }).optional(),
  /** A group activity a caregiver of the family attended (or missed), decision 141. */
  activity: z.object({ topic: z.string(), kind: z.string(), attended: z.boolean() }).optional(),
});
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntrySchema>;

// ---- inputs ----

export const CaseListQuery = z.strictObject({
  stage: Stage.optional(),
  familyId: Id.optional(),
  /** Only cases with a stage change waiting for sign-off. */
  pendingSignoff: z.enum(["true", "false"]).optional(),
  /** Only open cases without a lead (opened by an alert for a family nobody is assigned to). */
  unled: z.enum(["true", "false"]).optional(),
});

export const CaseOpenSchema = z.strictObject({
  familyId: Id,
  source: z.enum(CASE_SOURCES),
  riskLevel: z.enum(RISK_LEVELS),
  presentingProblems: Problems.min(1),
  problemNote: Note.optional(),
  strengths: Note.optional(),
});
export type CaseOpenInput = z.infer<typeof CaseOpenSchema>;

export const CaseUpdateSchema = z
  .strictObject({
    version: Version,
    riskLevel: z.enum(RISK_LEVELS).optional(),
    presentingProblems: Problems.optional(),
    problemNote: Note.nullable().optional(),
    strengths: Note.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 1, { message: "change at least one field" });
export type CaseUpdateInput = z.infer<typeof CaseUpdateSchema>;

export const CaseStageMoveSchema = z.strictObject({
  version: Version,
  to: Stage,
  /** Required to go back or to close. */
  reason: text(1, L.shortMax * 5).optional(),
});
export type CaseStageMoveInput = z.infer<typeof CaseStageMoveSchema>;

export const StageDecisionSchema = z
  .strictObject({ decision: z.enum(["approve", "return"]), comment: text(1, L.noteMax).optional() })
  .refine((b) => b.decision === "approve" || b.comment !== undefined, {
    message: "a returned change needs a comment",
    path: ["comment"],
  });
export type StageDecisionInput = z.infer<typeof StageDecisionSchema>;

export const CaseWorkerAddSchema = z.strictObject({
  socialWorkerId: Id,
  /** `lead` (supervisor only) makes them the lead; the former lead stays as a member. */
  role: z.enum(CASE_WORKER_ROLES).default("member"),
});
export type CaseWorkerAddInput = z.infer<typeof CaseWorkerAddSchema>;

const Actions = z.array(text(1, L.goalMax)).max(L.actionsMax);
const Respite = z.number().int().min(1).max(L.respiteSessionsMax);

export const CaseGoalCreateSchema = z.strictObject({
  domain: z.enum(WALSH_DOMAINS),
  goal: text(1, L.goalMax),
  actions: Actions.default([]),
  targetDate: LocalDate.optional(),
  /** Sessions of respite a month the family wants: makes this goal the respite plan. */
  respiteSessionsPerMonth: Respite.optional(),
});
export type CaseGoalCreateInput = z.infer<typeof CaseGoalCreateSchema>;

export const CaseGoalUpdateSchema = z
  .strictObject({
    domain: z.enum(WALSH_DOMAINS).optional(),
    goal: text(1, L.goalMax).optional(),
    actions: Actions.optional(),
    targetDate: LocalDate.nullable().optional(),
    status: z.enum(GOAL_STATUSES).optional(),
    progressNote: Note.nullable().optional(),
    respiteSessionsPerMonth: Respite.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "change at least one field" });
export type CaseGoalUpdateInput = z.infer<typeof CaseGoalUpdateSchema>;

const RecordFields = {
  occurredOn: LocalDate,
  durationMinutes: z.number().int().min(0).max(L.durationMaxMinutes),
  goalIds: z.array(Id).max(L.goalIdsMax),
  notes: text(1, L.noteMax),
  sharedWithFamily: z.boolean(),
  subject: text(1, L.shortMax).nullable(),
  policyCardId: Id.nullable(),
};

export const CaseRecordCreateSchema = z.strictObject({
  kind: z.enum(CASE_RECORD_KINDS),
  ...RecordFields,
  goalIds: RecordFields.goalIds.default([]),
  sharedWithFamily: z.boolean().default(false),
  subject: RecordFields.subject.optional(),
  policyCardId: RecordFields.policyCardId.optional(),
});
export type CaseRecordCreateInput = z.infer<typeof CaseRecordCreateSchema>;

export const CaseRecordUpdateSchema = z
  .strictObject({
    occurredOn: RecordFields.occurredOn.optional(),
    durationMinutes: RecordFields.durationMinutes.optional(),
    goalIds: RecordFields.goalIds.optional(),
    notes: RecordFields.notes.optional(),
    sharedWithFamily: RecordFields.sharedWithFamily.optional(),
    subject: RecordFields.subject.optional(),
    policyCardId: RecordFields.policyCardId.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "change at least one field" });
export type CaseRecordUpdateInput = z.infer<typeof CaseRecordUpdateSchema>;

export const CaseRecordListQuery = z.strictObject({
  kind: z.enum(CASE_RECORD_KINDS).optional(),
  /** Only referrals and applications still `submitted`. */
  pendingFollowUp: z.enum(["true", "false"]).optional(),
});

export const FollowUpSchema = z.strictObject({ status: z.enum(FOLLOW_UP_STATUSES) });
export const RecordDeleteSchema = z.strictObject({ reason: text(1, L.shortMax * 5) });

export const CaseParams = z.strictObject({ id: Id });
export const CaseChangeParams = z.strictObject({ id: Id, changeId: Id });
export const CaseWorkerParams = z.strictObject({ id: Id, userId: Id });
export const CaseGoalParams = z.strictObject({ id: Id, goalId: Id });
export const CaseRecordParams = z.strictObject({ id: Id, recordId: Id });
