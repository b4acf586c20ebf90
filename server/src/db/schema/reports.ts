import { sql } from "drizzle-orm";
import { check, date, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { createdAt, pk, updatedAt } from "./columns.js";

/**
 * What an evaluation report covers (issue 18 §4): a district and/or a set of stations, a date
 * range, and optionally an explicit list of families. Station and family ids are plain arrays:
 * the report joins them, so an id whose row is gone (an erased family) simply counts for nothing.
 */
export const reportProjects = pgTable(
  "report_projects",
  {
    id: pk(),
    name: text("name").notNull(),
    district: text("district"),
    stationIds: uuid("station_ids").array().notNull().default(sql`'{}'::uuid[]`),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    /** Null: the families are found from the stations, district and social workers. */
    familyIds: uuid("family_ids").array(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("report_projects_range", sql`${t.fromDate} <= ${t.toDate}`)],
);

/** The social workers on a project: they may read it and its report (relation `project_member`). */
export const reportProjectSocialWorkers = pgTable(
  "report_project_social_workers",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => reportProjects.id, { onDelete: "cascade" }),
    socialWorkerId: uuid("social_worker_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.socialWorkerId] }),
    index("rpsw_sw_idx").on(t.socialWorkerId),
  ],
);
