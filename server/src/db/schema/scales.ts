import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { families, users } from "./accounts.js";
import { cases } from "./cases.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

/**
 * One version of a scale (docs/decisions/121, 126): `definition` is the engine's
 * `ScaleDefinition` as JSON, validated by `ScaleDefinitionSchema` before it is stored, never
 * changed afterwards (a change is a new version). `active` is kept equal on every version of a
 * slug; new administrations use the newest version. Built-in scales are upserted at start.
 */
export const scaleDefinitions = pgTable(
  "scale_definitions",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    active: boolean("active").notNull().default(true),
    builtIn: boolean("built_in").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/**
 * One filling of a scale for a family (docs/decisions/126). `answers` is `{ itemId: answer }`,
 * saved item by item; `score` caches `scoreScale`'s total, subscales and bands once complete.
 * `case_id` names the case it belongs to (issue 18 §1), if any. Read by the
 * evaluation report: completed rows, their `occasion`, `completed_at` and `score`.
 */
export const scaleAdministrations = pgTable(
  "scale_administrations",
  {
    id: pk(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    caseId: uuid("case_id").references(() => cases.id, { onDelete: "set null" }),
    scaleId: text("scale_id").notNull(),
    scaleVersion: integer("scale_version").notNull(),
    occasion: text("occasion").notNull(),
    respondent: text("respondent").notNull(),
    /** The caregiver it was sent to (respondent caregiver); null when filled with the social worker. */
    respondentUserId: uuid("respondent_user_id").references(() => users.id, { onDelete: "set null" }),
    answers: jsonb("answers").notNull().default({}),
    status: text("status").notNull().default("in_progress"),
    score: jsonb("score"),
    startedBy: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: tstz("started_at").notNull().defaultNow(),
    updatedAt: updatedAt(),
    completedAt: tstz("completed_at"),
    revision: integer("revision").notNull().default(0),
  },
  (t) => [
    foreignKey({
      columns: [t.scaleId, t.scaleVersion],
      foreignColumns: [scaleDefinitions.id, scaleDefinitions.version],
      name: "scale_administrations_scale_fk",
    }),
    check("scale_admin_occasion", sql`${t.occasion} IN ('intake','midway','evaluation','other')`),
    check("scale_admin_respondent", sql`${t.respondent} IN ('caregiver','social_worker')`),
    check("scale_admin_status", sql`${t.status} IN ('in_progress','complete','abandoned')`),
    check(
      "scale_admin_completed",
      sql`(${t.status} = 'complete') = (${t.completedAt} IS NOT NULL AND ${t.score} IS NOT NULL)`,
    ),
    index("scale_admin_family_idx").on(t.familyId, t.scaleId, t.completedAt),
    index("scale_admin_respondent_idx").on(t.respondentUserId),
  ],
);
