import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
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

/** A crisis alert raised by a crisis word or a `crisis` report; open until acknowledged. */
export const crisisAlerts = pgTable(
  "crisis_alerts",
  {
    id: pk(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["word", "report"] }).notNull(),
    status: text("status", { enum: ["open", "acknowledged"] })
      .notNull()
      .default("open"),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    acknowledgedAt: tstz("acknowledged_at"),
    followUpNote: text("follow_up_note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("crisis_alerts_group_status_idx").on(t.groupId, t.status),
    uniqueIndex("crisis_alerts_open_message_key").on(t.messageId).where(sql`${t.status} = 'open'`),
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
