import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { children, families, users } from "./accounts.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

const tstzrange = customType<{ data: string }>({ dataType: () => "tstzrange" });

/** A street-level care station. Policy knobs (window, cut-off, quotas) live here. */
export const stations = pgTable(
  "stations",
  {
    id: pk(),
    name: text("name").notNull(),
    district: text("district").notNull(),
    address: text("address").notNull(),
    phone: text("phone").notNull(),
    timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
    /** Weekly opening hours: `{ "1": [["09:00","17:00"]], ... }` keyed by ISO weekday. */
    openingHours: jsonb("opening_hours").notNull().default({}),
    /** What a map search should look for; `null`: the address (decision 145). */
    mapQuery: text("map_query"),
    disabilityTypes: text("disability_types").array().notNull(),
    serviceTypes: text("service_types").array().notNull(),
    bookingWindowDays: integer("booking_window_days").notNull().default(14),
    cancelCutoffHours: integer("cancel_cutoff_hours").notNull().default(24),
    maxBookingsPerWeek: integer("max_bookings_per_week").notNull().default(3),
    maxHoursPerMonth: integer("max_hours_per_month").notNull().default(40),
    promotionGraceMinutes: integer("promotion_grace_minutes").notNull().default(120),
    /** Station-local hour (0-23) of the evening-before booking reminder (decision 107). */
    reminderHour: integer("reminder_hour").notNull().default(18),
    archivedAt: tstz("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("stations_reminder_hour_range", sql`${t.reminderHour} BETWEEN 0 AND 23`)],
);

/** Station staff accounts attached to a station. */
export const stationStaff = pgTable(
  "station_staff",
  {
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.userId] }), index("station_staff_user_idx").on(t.userId)],
);

/** Weekly recurrence that materialises concrete slots. Times are station-local `HH:mm`. */
export const slotRules = pgTable("slot_rules", {
  id: pk(),
  stationId: uuid("station_id")
    .notNull()
    .references(() => stations.id, { onDelete: "cascade" }),
  serviceType: text("service_type").notNull(),
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekdays: integer("weekdays").array().notNull(),
  startTime: text("start_time").notNull(),
  endTime: text("end_time").notNull(),
  capacity: integer("capacity").notNull(),
  validFrom: date("valid_from", { mode: "string" }).notNull(),
  validTo: date("valid_to", { mode: "string" }),
  weeksAhead: integer("weeks_ahead").notNull().default(4),
  archivedAt: tstz("archived_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Station-local dates with no slots (holidays, closures). */
export const blackoutDates = pgTable(
  "blackout_dates",
  {
    id: pk(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    date: date("date", { mode: "string" }).notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("blackout_station_date_key").on(t.stationId, t.date)],
);

/**
 * A bookable time window. `confirmedCount` is changed only by conditional updates and the check
 * constraint makes overbooking impossible even if a bug tried.
 */
export const slots = pgTable(
  "slots",
  {
    id: pk(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    ruleId: uuid("rule_id").references(() => slotRules.id, { onDelete: "set null" }),
    serviceType: text("service_type").notNull(),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    confirmedCount: integer("confirmed_count").notNull().default(0),
    cancelledAt: tstz("cancelled_at"),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("slots_capacity_positive", sql`${t.capacity} > 0`),
    check("slots_not_overbooked", sql`${t.confirmedCount} >= 0 AND ${t.confirmedCount} <= ${t.capacity}`),
    check("slots_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    uniqueIndex("slots_rule_start_key").on(t.ruleId, t.startsAt),
    index("slots_station_start_idx").on(t.stationId, t.startsAt),
    index("slots_start_idx").on(t.startsAt),
  ],
);

/**
 * A recurring booking (issue 19 §2, decision 140): the same weekly session for 2-12 weeks. Each
 * week is its own booking (`bookings.series_id`), decided by the ordinary rules; `refusals` keeps
 * the weeks the rules refused, so the family can still see why later.
 */
export const bookingSeries = pgTable(
  "booking_series",
  {
    id: pk(),
    childId: uuid("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    bookedBy: uuid("booked_by").references(() => users.id, { onDelete: "set null" }),
    serviceType: text("service_type").notNull(),
    /** ISO weekday and station-local `HH:mm` of the session. */
    weekday: integer("weekday").notNull(),
    startTime: text("start_time").notNull(),
    /** Station-local date of the first week. */
    firstDate: date("first_date", { mode: "string" }).notNull(),
    weeks: integer("weeks").notNull(),
    note: text("note").notNull().default(""),
    /** `[{ week, date, code, reason }]`: the weeks the rules refused. */
    refusals: jsonb("refusals").notNull().default([]),
    cancelledFrom: date("cancelled_from", { mode: "string" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("booking_series_weeks_range", sql`${t.weeks} BETWEEN 2 AND 12`),
    index("booking_series_family_idx").on(t.familyId),
  ],
);

/**
 * A family's claim on a slot for one child. `period` copies the slot's window so an exclusion
 * constraint (hand-written migration) forbids overlapping confirmed bookings of the same child.
 */
export const bookings = pgTable(
  "bookings",
  {
    id: pk(),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => slots.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    childId: uuid("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    status: text("status", {
      enum: ["confirmed", "waitlisted", "cancelled", "checked_in", "completed", "no_show"],
    }).notNull(),
    period: tstzrange("period").notNull(),
    bookedBy: uuid("booked_by").references(() => users.id, { onDelete: "set null" }),
    onBehalf: boolean("on_behalf").notNull().default(false),
    /** The booker's note for this visit to the station's staff (issue 19 §5). */
    note: text("note"),
    /**
     * Booked on the family's behalf by station staff and not yet confirmed by a caregiver: the
     * care-notes window stays closed for it (decision 088).
     */
    awaitingFamily: boolean("awaiting_family").notNull().default(false),
    lateCancel: boolean("late_cancel").notNull().default(false),
    /** The recurring booking this occurrence belongs to (decision 140). */
    seriesId: uuid("series_id").references(() => bookingSeries.id, { onDelete: "set null" }),
    /** Until when a promoted family may still cancel freely, even past the cut-off. */
    graceUntil: tstz("grace_until"),
    /** Why a waitlisted booking was skipped at the last promotion attempt. */
    skipReason: text("skip_reason"),
    waitlistedAt: tstz("waitlisted_at"),
    confirmedAt: tstz("confirmed_at"),
    cancelledAt: tstz("cancelled_at"),
    checkedInAt: tstz("checked_in_at"),
    checkedOutAt: tstz("checked_out_at"),
    /** Who brought the child at check-in: `{ name, relation }` (decision 142). */
    broughtBy: jsonb("brought_by"),
    /** Who collected the child at pick-up: `{ name, relation }`. */
    collectedBy: jsonb("collected_by"),
    /** When staff marked the no-show (the start of its undo window). */
    noShowAt: tstz("no_show_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("bookings_active_slot_child_key")
      .on(t.slotId, t.childId)
      .where(sql`${t.status} IN ('confirmed', 'waitlisted', 'checked_in')`),
    index("bookings_slot_status_idx").on(t.slotId, t.status),
    index("bookings_family_idx").on(t.familyId, t.createdAt),
    index("bookings_child_idx").on(t.childId),
    index("bookings_series_idx").on(t.seriesId).where(sql`${t.seriesId} IS NOT NULL`),
  ],
);

/**
 * A reminder due for a confirmed booking (decision 107): one the evening before, one shortly
 * before the start. Planned when the booking is confirmed (none for a time already past); every
 * node polls `due_at` with FOR UPDATE SKIP LOCKED and records `done_at` in the transaction that
 * stores the notification, so each is sent once, or skipped when the booking no longer stands.
 */
export const bookingReminders = pgTable(
  "booking_reminders",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["evening", "soon"] }).notNull(),
    dueAt: tstz("due_at").notNull(),
    doneAt: tstz("done_at"),
    outcome: text("outcome", { enum: ["sent", "skipped"] }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.bookingId, t.kind] }),
    index("booking_reminders_due_idx").on(t.dueAt).where(sql`${t.doneAt} IS NULL`),
  ],
);

/** Every booking state change: who, when, from, to, why. */
export const bookingEvents = pgTable(
  "booking_events",
  {
    id: pk(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("booking_events_booking_idx").on(t.bookingId, t.createdAt)],
);

/** A caregiver's own 1-5 parenting-stress rating. */
export const stressCheckins = pgTable(
  "stress_checkins",
  {
    id: pk(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    stress: integer("stress").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    check("stress_range", sql`${t.stress} BETWEEN 1 AND 5`),
    index("stress_checkins_family_idx").on(t.familyId, t.createdAt),
  ],
);
