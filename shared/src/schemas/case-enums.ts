/**
 * The vocabulary of case work (issue 18 §1, decision 123). Stored as text in the database; the
 * client turns each value into plain words (`cases.*` keys of the i18n files).
 */

/** A case's stages, in order; `closed` is final (a family with new needs gets a new case). */
export const CASE_STAGES = ["intake", "assessment", "plan", "intervention", "evaluation", "closed"] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** The risk level recorded at intake (and revised later); `high` is a high-risk intake (§6). */
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** How the case came in: the family asked, a home visit, a safety alert (§6), or a referral. */
export const CASE_SOURCES = ["self", "visit", "alert", "referral"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Presenting problems at intake (from the district survey's needs). */
export const PRESENTING_PROBLEMS = [
  "economic",
  "care_burden",
  "child_health",
  "child_emotions",
  "family_relations",
  "isolation",
  "policy_access",
  "other",
] as const;
export type PresentingProblem = (typeof PRESENTING_PROBLEMS)[number];

/** Walsh's three domains of family resilience, the domains of a plan's goals. */
export const WALSH_DOMAINS = [
  "belief_systems",
  "organisational_patterns",
  "communication_processes",
] as const;
export type WalshDomain = (typeof WALSH_DOMAINS)[number];

/** Where a goal stands. `dropped` goals stay in the record but do not count for the plan. */
export const GOAL_STATUSES = ["open", "in_progress", "achieved", "dropped"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Kinds of service record (each contact with the family or on its behalf). */
export const CASE_RECORD_KINDS = [
  "home_visit",
  "phone_call",
  "office",
  "group_activity",
  "referral",
  "resource_linking",
] as const;
export type CaseRecordKind = (typeof CASE_RECORD_KINDS)[number];

/** The kinds that are followed up (a referral, a subsidy application): they carry a status. */
export const FOLLOWED_UP_KINDS: readonly CaseRecordKind[] = ["referral", "resource_linking"];

/** The status of a referral or application. */
export const FOLLOW_UP_STATUSES = ["submitted", "approved", "refused"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A social worker's part in a case: one lead (who may add members), any number of members. */
export const CASE_WORKER_ROLES = ["lead", "member"] as const;
export type CaseWorkerRole = (typeof CASE_WORKER_ROLES)[number];

/**
 * A stage change's sign-off: `none` (took effect at once), `pending` (waits for the supervisor),
 * `approved` (took effect when approved), `returned` (the supervisor sent it back with a comment).
 */
export const SIGNOFF_STATES = ["none", "pending", "approved", "returned"] as const;
export type SignoffState = (typeof SIGNOFF_STATES)[number];

/** The stage moves a deployment may put behind the supervisor (`CASE_SIGNOFF`): plan approval, closure. */
export const SIGNOFF_POINTS = ["plan", "closure"] as const;
export type SignoffPoint = (typeof SIGNOFF_POINTS)[number];

/** Kinds of timeline entry; `respite_session` entries come from the booking tables, not `case_events`. */
export const CASE_EVENT_KINDS = [
  "opened",
  "stage_changed",
  "stress_alert",
  "crisis_alert",
  "high_risk_intake",
  "record_added",
  "respite_session",
  "scale_completed",
  "group_activity",
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Why a stage move is refused (`details.reason` of a 409 CONFLICT); see decision 123. */
export const STAGE_REFUSALS = [
  "same_stage",
  "case_closed",
  "skips_stage",
  "needs_goal",
  "needs_record",
  "signoff_pending",
  "stale_version",
] as const;
export type StageRefusal = (typeof STAGE_REFUSALS)[number];

/** Size limits of case texts. */
export const CASE_LIMITS = {
  noteMax: 4000,
  shortMax: 200,
  goalMax: 500,
  actionsMax: 20,
  problemsMax: PRESENTING_PROBLEMS.length,
  goalIdsMax: 20,
  durationMaxMinutes: 24 * 60,
  respiteSessionsMax: 31,
  /** The author may edit a service record this long after writing it (decision 123). */
  recordEditHours: 24,
} as const;
