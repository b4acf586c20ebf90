import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { children, users } from "./accounts.js";
import { stations } from "./booking.js";
import { createdAt, pk, updatedAt } from "./columns.js";

/**
 * The managed list of care needs (decision 137): admins add to it, nothing is deleted (a need no
 * longer offered is made inactive). A `one_to_one` need takes a whole staff member per child.
 */
export const careNeedTypes = pgTable("care_need_types", {
  code: text("code").primaryKey(),
  labelZh: text("label_zh").notNull(),
  labelEn: text("label_en").notNull(),
  oneToOne: boolean("one_to_one").notNull().default(false),
  active: boolean("active").notNull().default(true),
  createdAt: createdAt(),
});

/** A child's care needs, each with optional instructions; private like the care notes. */
export const childCareNeeds = pgTable(
  "child_care_needs",
  {
    childId: uuid("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    needCode: text("need_code")
      .notNull()
      .references(() => careNeedTypes.code),
    instructions: text("instructions").notNull().default(""),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.needCode] })],
);

/** A staff member's qualification for a need, valid through `expires_on` (inclusive, station-local). */
export const staffQualifications = pgTable(
  "staff_qualifications",
  {
    id: pk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    needCode: text("need_code")
      .notNull()
      .references(() => careNeedTypes.code),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    enteredBy: uuid("entered_by").references(() => users.id, { onDelete: "set null" }),
    /** The `expires_on` the 30-day notice was sent for (decision 151); a renewal re-arms it. */
    noticeSentFor: date("notice_sent_for", { mode: "string" }),
    /** The `expires_on` the expiry sweep ran for (decision 151); a renewal re-arms it. */
    sweptFor: date("swept_for", { mode: "string" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("staff_qualifications_user_need_key").on(t.userId, t.needCode),
    // The expiry jobs poll by date (decision 151).
    index("staff_qualifications_expires_idx").on(t.expiresOn),
  ],
);

/** A recurring weekly shift of a staff member at a station, in station-local `HH:mm`. */
export const staffShifts = pgTable(
  "staff_shifts",
  {
    id: pk(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** ISO weekday, 1 = Monday ... 7 = Sunday. */
    weekday: integer("weekday").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("staff_shifts_weekday_range", sql`${t.weekday} BETWEEN 1 AND 7`),
    check("staff_shifts_ends_after_start", sql`${t.endTime} > ${t.startTime}`),
    index("staff_shifts_station_idx").on(t.stationId, t.weekday),
    index("staff_shifts_user_idx").on(t.userId),
  ],
);

/** One date's change to the weekly shifts: the staff member is off all day, or works extra hours. */
export const shiftExceptions = pgTable(
  "shift_exceptions",
  {
    id: pk(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    date: date("date", { mode: "string" }).notNull(),
    kind: text("kind", { enum: ["off", "extra"] }).notNull(),
    startTime: text("start_time"),
    endTime: text("end_time"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "shift_exceptions_times",
      sql`(${t.kind} = 'off' AND ${t.startTime} IS NULL AND ${t.endTime} IS NULL)
        OR (${t.kind} = 'extra' AND ${t.endTime} > ${t.startTime})`,
    ),
    index("shift_exceptions_station_date_idx").on(t.stationId, t.date),
  ],
);

/** Children per staff member for a service at a station (e.g. respite 4); none = not limited. */
export const stationRatios = pgTable(
  "station_ratios",
  {
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    serviceType: text("service_type").notNull(),
    childrenPerStaff: integer("children_per_staff").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.serviceType] }),
    check("station_ratios_positive", sql`${t.childrenPerStaff} > 0`),
  ],
);

/**
 * A staffing change left confirmed future bookings uncovered (decision 139): the list the
 * notification points to. `items` holds booking ids, slot times and reasons, never child text.
 */
export const coverageAlerts = pgTable(
  "coverage_alerts",
  {
    id: pk(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id, { onDelete: "cascade" }),
    cause: text("cause").notNull(),
    items: jsonb("items").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("coverage_alerts_station_idx").on(t.stationId, t.createdAt)],
);
