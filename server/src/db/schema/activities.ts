import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { families, users } from "./accounts.js";
import { stations } from "./booking.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

/**
 * A group activity (issue 19 §4, decision 141): a session with a topic, a facilitator and seats
 * for people (not children). `confirmedCount` changes only by conditional updates, as a slot's.
 */
export const groupActivities = pgTable(
  "group_activities",
  {
    id: pk(),
    kind: text("kind", { enum: ["caregiver_respite", "parent_training", "director_training"] }).notNull(),
    topic: text("topic").notNull(),
    facilitator: text("facilitator").notNull(),
    stationId: uuid("station_id").references(() => stations.id, { onDelete: "cascade" }),
    organiserId: uuid("organiser_id").references(() => users.id, { onDelete: "set null" }),
    location: text("location").notNull().default(""),
    audience: text("audience", { enum: ["caregivers", "staff", "all"] }).notNull(),
    capacity: integer("capacity").notNull(),
    confirmedCount: integer("confirmed_count").notNull().default(0),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at").notNull(),
    /** Set when its organisers cancel it (decision 148); sign-ups stay as they were, for the record. */
    cancelledAt: tstz("cancelled_at"),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "group_activities_not_overbooked",
      sql`${t.confirmedCount} >= 0 AND ${t.confirmedCount} <= ${t.capacity}`,
    ),
    check("group_activities_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    index("group_activities_start_idx").on(t.startsAt),
  ],
);

/** A person's place in an activity: a seat, a waitlist place, or a withdrawn sign-up. */
export const activitySignups = pgTable(
  "activity_signups",
  {
    id: pk(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => groupActivities.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A caregiver's family at sign-up: attendance feeds that family's case timeline. */
    familyId: uuid("family_id").references(() => families.id, { onDelete: "set null" }),
    status: text("status", { enum: ["confirmed", "waitlisted", "cancelled"] }).notNull(),
    attended: boolean("attended"),
    attendanceBy: uuid("attendance_by").references(() => users.id, { onDelete: "set null" }),
    attendanceAt: tstz("attendance_at"),
    /**
     * When the reminder before the session is due (decision 148): set when a seat is confirmed
     * (or a waitlisted person promoted), cleared when it is sent, the person leaves or the
     * activity is cancelled. Polled with FOR UPDATE SKIP LOCKED.
     */
    remindAt: tstz("remind_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("activity_signups_active_key")
      .on(t.activityId, t.userId)
      .where(sql`${t.status} <> 'cancelled'`),
    index("activity_signups_activity_idx").on(t.activityId, t.status, t.createdAt),
    index("activity_signups_family_idx").on(t.familyId),
    index("activity_signups_remind_idx").on(t.remindAt).where(sql`${t.remindAt} IS NOT NULL`),
  ],
);
