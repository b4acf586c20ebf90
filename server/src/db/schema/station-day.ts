import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { children, families, users } from "./accounts.js";
import { bookings, stations } from "./booking.js";
import { createdAt, pk, tstz } from "./columns.js";

/**
 * An incident during a session, as signed by the staff member who filed it (decision 143). Rows
 * are only ever inserted: there is no UPDATE path in the code; corrections are addenda and the
 * family's acknowledgement is its own row, so what was signed never changes.
 */
export const incidentReports = pgTable(
  "incident_reports",
  {
    id: pk(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    childId: uuid("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    occurredAt: tstz("occurred_at").notNull(),
    whatHappened: text("what_happened").notNull(),
    firstAid: text("first_aid").notNull(),
    /** Named regions of the body outline (`BODY_REGIONS`). */
    bodyLocations: jsonb("body_locations").$type<string[]>().notNull(),
    witnesses: text("witnesses").notNull(),
    filedBy: uuid("filed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("incident_reports_station_idx").on(t.stationId, t.createdAt),
    index("incident_reports_family_idx").on(t.familyId, t.createdAt),
  ],
);

/** A correction or later note added to an incident report; insert-only like the report. */
export const incidentAddenda = pgTable(
  "incident_addenda",
  {
    id: pk(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidentReports.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("incident_addenda_incident_idx").on(t.incidentId, t.createdAt)],
);

/** A caregiver's acknowledgement of an incident report (one per report: the first counts). */
export const incidentAcknowledgements = pgTable(
  "incident_acknowledgements",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidentReports.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.incidentId] })],
);

/**
 * A child's care plan at one station, written with the family (decision 144). An edit clears the
 * family's confirmation; a confirmation sets the next review six months on, and the review job
 * reminds staff and family once when `review_due_at` passes (`review_notified_at`).
 */
export const carePlans = pgTable(
  "care_plans",
  {
    id: pk(),
    childId: uuid("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    calming: text("calming").notNull(),
    routines: text("routines").notNull(),
    emergency: text("emergency").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: tstz("confirmed_at"),
    confirmedBy: uuid("confirmed_by").references(() => users.id, { onDelete: "set null" }),
    reviewDueAt: tstz("review_due_at"),
    reviewNotifiedAt: tstz("review_notified_at"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("care_plans_child_station_key").on(t.childId, t.stationId),
    index("care_plans_review_due_idx").on(t.reviewDueAt).where(sql`${t.reviewNotifiedAt} IS NULL`),
  ],
);
