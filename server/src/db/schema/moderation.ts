import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { families, users } from "./accounts.js";
import { stressCheckins } from "./booking.js";
import { groups, messages } from "./chat.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

/** A member's report of a message; one open report per reporter per message. */
export const reports = pgTable(
  "reports",
  {
    id: pk(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    /** Null when filed automatically by a `flag` watched word. */
    reporterId: uuid("reporter_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    note: text("note"),
    status: text("status", { enum: ["open", "dismissed", "actioned"] })
      .notNull()
      .default("open"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: tstz("resolved_at"),
    resolution: text("resolution"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reports_open_per_reporter_key")
      .on(t.messageId, t.reporterId)
      .where(sql`${t.status} = 'open'`),
    index("reports_group_status_idx").on(t.groupId, t.status),
  ],
);

/**
 * Platform-wide watched words and phrases. `allow` entries are exceptions; crisis entries have a
 * tier (null on entries from before tiers: read as `intent`); `forms` lists how an entry may match
 * and `variants` its curated slang spellings.
 */
export const watchedWords = pgTable(
  "watched_words",
  {
    id: pk(),
    phrase: text("phrase").notNull(),
    action: text("action", { enum: ["block", "flag", "crisis", "allow"] }).notNull(),
    tier: text("tier", { enum: ["distress", "intent", "imminent"] }),
    forms: text("forms", { enum: ["word", "traditional", "pinyin", "slang"] })
      .array()
      .notNull()
      .default(sql`'{word,traditional,pinyin,slang}'::text[]`),
    variants: text("variants").array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("watched_words_phrase_key").on(sql`lower(${t.phrase})`)],
);

/**
 * A safety alert: crisis talk in a group (`kind = crisis`, with group and message) or a stress
 * check-in (`kind = stress`, with family and check-in). Open until acknowledged; while open, the
 * poller escalates it when `next_escalation_at` is due (docs/decisions/072).
 */
export const crisisAlerts = pgTable(
  "crisis_alerts",
  {
    id: pk(),
    kind: text("kind", { enum: ["crisis", "stress"] })
      .notNull()
      .default("crisis"),
    tier: text("tier", { enum: ["distress", "intent", "imminent"] })
      .notNull()
      .default("distress"),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").references(() => families.id, { onDelete: "set null" }),
    checkinId: uuid("checkin_id").references(() => stressCheckins.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["word", "report", "checkin"] }).notNull(),
    status: text("status", { enum: ["open", "acknowledged"] })
      .notNull()
      .default("open"),
    claimedBy: uuid("claimed_by").references(() => users.id, { onDelete: "set null" }),
    claimedAt: tstz("claimed_at"),
    /** 0 none, 1 on-duty and assigned social workers, 2 admins. */
    escalationStep: integer("escalation_step").notNull().default(0),
    /** When the next escalation step is due; null once acknowledged or after the last step. */
    nextEscalationAt: tstz("next_escalation_at"),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    acknowledgedAt: tstz("acknowledged_at"),
    followUpNote: text("follow_up_note"),
    /** The clock: when the message or check-in was stored. */
    createdAt: createdAt(),
  },
  (t) => [
    index("crisis_alerts_group_status_idx").on(t.groupId, t.status),
    uniqueIndex("crisis_alerts_open_message_key").on(t.messageId).where(sql`${t.status} = 'open'`),
    uniqueIndex("crisis_alerts_open_stress_key")
      .on(t.familyId)
      .where(sql`${t.status} = 'open' and ${t.kind} = 'stress'`),
    index("crisis_alerts_due_idx")
      .on(t.nextEscalationAt)
      .where(sql`${t.status} = 'open' and ${t.nextEscalationAt} is not null`),
    check("crisis_alerts_step_range", sql`${t.escalationStep} between 0 and 2`),
  ],
);

/** Each escalation step of an alert, exactly once (primary key), with how many were told. */
export const alertEscalations = pgTable(
  "alert_escalations",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => crisisAlerts.id, { onDelete: "cascade" }),
    step: integer("step").notNull(),
    recipients: integer("recipients").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.step] })],
);

/** Everyone an alert was routed or escalated to (beyond the group's moderators): they may see and act on it. */
export const alertRecipients = pgTable(
  "alert_recipients",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => crisisAlerts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The step that reached them (0 = routed when raised). */
    step: integer("step").notNull(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.userId] }), index("alert_recipients_user_idx").on(t.userId)],
);

/** A social worker's weekly on-duty shift in the deployment's time zone (ISO weekday, minutes of the day, end exclusive). */
export const dutyShifts = pgTable(
  "duty_shifts",
  {
    id: pk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [
    index("duty_shifts_day_idx").on(t.weekday),
    index("duty_shifts_user_idx").on(t.userId),
    check(
      "duty_shifts_range",
      sql`${t.weekday} between 1 and 7 and ${t.startMinute} >= 0 and ${t.startMinute} < ${t.endMinute} and ${t.endMinute} <= 1440`,
    ),
  ],
);

/** Append-only record of every moderation action. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetUserId: uuid("target_user_id").references(() => users.id, { onDelete: "set null" }),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "set null" }),
    messageId: uuid("message_id"),
    reason: text("reason"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_group_idx").on(t.groupId, t.id)],
);
