import { SNAPSHOT_REASONS, SUPPORT_TIE_KINDS } from "@carecircle/shared";
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { families, users } from "./accounts.js";
import { cases } from "./cases.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

/**
 * A support tie the social worker records (issue 18 §3, decision 135): relatives, neighbours and
 * others the platform cannot see. Ties the platform sees are derived on read, never stored here.
 */
export const supportTies = pgTable(
  "support_ties",
  {
    id: pk(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SUPPORT_TIE_KINDS }).notNull(),
    label: text("label").notNull(),
    strength: integer("strength").notNull(),
    dimensions: text("dimensions").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("support_ties_family_idx").on(t.familyId, t.createdAt),
    check("support_ties_strength", sql`${t.strength} BETWEEN 1 AND 3`),
  ],
);

/**
 * The whole map at one moment (a case stage change, or saved on demand): `ties` is the list of
 * `SupportTie`s as the map showed them, so "then" can be drawn and counted like "now".
 */
export const supportMapSnapshots = pgTable(
  "support_map_snapshots",
  {
    id: pk(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    caseId: uuid("case_id").references(() => cases.id, { onDelete: "set null" }),
    reason: text("reason", { enum: SNAPSHOT_REASONS }).notNull(),
    ties: jsonb("ties").notNull(),
    takenBy: uuid("taken_by").references(() => users.id, { onDelete: "set null" }),
    takenAt: tstz("taken_at").notNull().defaultNow(),
  },
  (t) => [index("support_map_snapshots_family_idx").on(t.familyId, t.takenAt)],
);
