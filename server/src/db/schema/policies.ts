import { sql } from "drizzle-orm";
import { check, date, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

/**
 * The policy and resource library (decision 128): one row per subsidy or service, with who
 * qualifies as data (`eligibility`, matched against a family's children), how and where to apply,
 * and its source. `review_by` is the day it must be checked again; `review_notified_at` marks the
 * one reminder sent for that day (decision 129) and is cleared when `review_by` changes.
 */
export const policyCards = pgTable(
  "policy_cards",
  {
    id: pk(),
    status: text("status", { enum: ["draft", "published", "archived"] })
      .notNull()
      .default("draft"),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    titleEn: text("title_en"),
    summaryEn: text("summary_en"),
    kind: text("kind").notNull(),
    /** `{ distressTypes, disabilityTypes, ageMin, ageMax, householdStatuses }` (shared schema). */
    eligibility: jsonb("eligibility").notNull(),
    steps: text("steps").array().notNull(),
    documents: text("documents").array().notNull().default(sql`'{}'::text[]`),
    /** `{ office?, address?, url? }`. */
    whereToApply: jsonb("where_to_apply").notNull().default({}),
    /** Last day to apply; null = ongoing. */
    deadline: date("deadline", { mode: "string" }),
    sourceName: text("source_name").notNull(),
    sourceUrl: text("source_url"),
    checkedOn: date("checked_on", { mode: "string" }).notNull(),
    reviewBy: date("review_by", { mode: "string" }).notNull(),
    reviewNotifiedAt: tstz("review_notified_at"),
    keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    publishedAt: tstz("published_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("policy_cards_status_idx").on(t.status),
    /** The review job's queue: cards not archived whose reminder is not sent yet. */
    index("policy_cards_review_idx")
      .on(t.reviewBy)
      .where(sql`${t.reviewNotifiedAt} is null and ${t.status} <> 'archived'`),
    check("policy_cards_status_check", sql`${t.status} in ('draft', 'published', 'archived')`),
  ],
);
