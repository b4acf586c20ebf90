import {
  CASE_EVENT_KINDS,
  CASE_RECORD_KINDS,
  CASE_SOURCES,
  CASE_STAGES,
  CASE_WORKER_ROLES,
  FOLLOW_UP_STATUSES,
  GOAL_STATUSES,
  RISK_LEVELS,
  SIGNOFF_STATES,
  WALSH_DOMAINS,
} from "@carecircle/shared";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { families, users } from "./accounts.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";
import { policyCards } from "./policies.js";

const emptyTextArray = sql`'{}'::text[]`;

/**
 * A family's case (issue 18 §1, decision 123). `family_id` is set null when the family is erased:
 * the social-work record outlives the account until `purge_after` (decision 124). One open case
 * per family (partial unique index). `version` is compared on every change (optimistic concurrency).
 */
export const cases = pgTable(
  "cases",
  {
    id: pk(),
    familyId: uuid("family_id").references(() => families.id, { onDelete: "set null" }),
    stage: text("stage", { enum: CASE_STAGES }).notNull().default("intake"),
    riskLevel: text("risk_level", { enum: RISK_LEVELS }).notNull(),
    source: text("source", { enum: CASE_SOURCES }).notNull(),
    presentingProblems: text("presenting_problems").array().notNull().default(emptyTextArray),
    problemNote: text("problem_note"),
    strengths: text("strengths"),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: tstz("opened_at").notNull().defaultNow(),
    closedAt: tstz("closed_at"),
    closedReason: text("closed_reason"),
    /** When the closed record is deleted for good; set at closure (closed_at + retention). */
    purgeAfter: tstz("purge_after"),
    version: integer("version").notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("cases_one_open_per_family_key").on(t.familyId).where(sql`${t.stage} <> 'closed'`),
    index("cases_family_idx").on(t.familyId, t.openedAt),
    index("cases_purge_idx").on(t.purgeAfter).where(sql`${t.purgeAfter} IS NOT NULL`),
    check("cases_closed_has_time", sql`(${t.stage} = 'closed') = (${t.closedAt} IS NOT NULL)`),
  ],
);

/** The social workers of a case: one lead at most, any number of members. */
export const caseWorkers = pgTable(
  "case_workers",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    socialWorkerId: uuid("social_worker_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: CASE_WORKER_ROLES }).notNull(),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.socialWorkerId] }),
    uniqueIndex("case_workers_one_lead_key").on(t.caseId).where(sql`${t.role} = 'lead'`),
    index("case_workers_sw_idx").on(t.socialWorkerId),
  ],
);

/** Every stage change, with the supervisor's sign-off where the deployment asks for it. */
export const caseStageChanges = pgTable(
  "case_stage_changes",
  {
    id: pk(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    fromStage: text("from_stage", { enum: CASE_STAGES }).notNull(),
    toStage: text("to_stage", { enum: CASE_STAGES }).notNull(),
    reason: text("reason"),
    byId: uuid("by_id").references(() => users.id, { onDelete: "set null" }),
    at: tstz("at").notNull().defaultNow(),
    signoff: text("signoff", { enum: SIGNOFF_STATES }).notNull().default("none"),
    signoffBy: uuid("signoff_by").references(() => users.id, { onDelete: "set null" }),
    signoffAt: tstz("signoff_at"),
    signoffComment: text("signoff_comment"),
  },
  (t) => [
    index("case_stage_changes_case_idx").on(t.caseId, t.at),
    uniqueIndex("case_stage_changes_one_pending_key").on(t.caseId).where(sql`${t.signoff} = 'pending'`),
  ],
);

/** A plan goal in one of Walsh's domains; a respite goal (sessions a month) is the respite plan. */
export const caseGoals = pgTable(
  "case_goals",
  {
    id: pk(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    domain: text("domain", { enum: WALSH_DOMAINS }).notNull(),
    goal: text("goal").notNull(),
    actions: text("actions").array().notNull().default(emptyTextArray),
    targetDate: date("target_date", { mode: "string" }),
    status: text("status", { enum: GOAL_STATUSES }).notNull().default("open"),
    progressNote: text("progress_note"),
    /** Null: not a respite goal. */
    respiteSessionsPerMonth: integer("respite_sessions_per_month"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("case_goals_case_idx").on(t.caseId, t.createdAt)],
);

/** A service record; referrals and resource linking carry a follow-up status. */
export const caseRecords = pgTable(
  "case_records",
  {
    id: pk(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CASE_RECORD_KINDS }).notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    goalIds: uuid("goal_ids").array().notNull().default(sql`'{}'::uuid[]`),
    notes: text("notes").notNull(),
    sharedWithFamily: boolean("shared_with_family").notNull().default(false),
    subject: text("subject"),
    followUpStatus: text("follow_up_status", { enum: FOLLOW_UP_STATUSES }),
    followUpBy: uuid("follow_up_by").references(() => users.id, { onDelete: "set null" }),
    followUpAt: tstz("follow_up_at"),
    /** The policy card a subsidy application or referral is about (issue 18 §5). */
    policyCardId: uuid("policy_card_id").references(() => policyCards.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("case_records_case_idx").on(t.caseId, t.occurredOn),
    check(
      "case_records_follow_up_kinds",
      sql`${t.followUpStatus} IS NULL OR ${t.kind} IN ('referral', 'resource_linking')`,
    ),
    check("case_records_duration", sql`${t.durationMinutes} >= 0`),
  ],
);

/**
 * The case timeline's own entries. `(case_id, kind, ref_id)` is unique, so a trigger (an alert)
 * is added once however often it is seen (decision 125).
 */
export const caseEvents = pgTable(
  "case_events",
  {
    id: pk(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CASE_EVENT_KINDS }).notNull(),
    refId: uuid("ref_id"),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [
    index("case_events_case_idx").on(t.caseId, t.at),
    uniqueIndex("case_events_ref_key").on(t.caseId, t.kind, t.refId),
  ],
);
