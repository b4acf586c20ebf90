import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { notifications } from "./chat.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

/**
 * One device's Web Push subscription (decision 105). The endpoint is the push service's URL for
 * that browser; it is unique, and a device that subscribes again for another user moves to them.
 */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: pk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    /** A short label the user recognises the device by (from the browser's user agent). */
    label: text("label"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastSentAt: tstz("last_sent_at"),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint_key").on(t.endpoint),
    index("push_subscriptions_user_idx").on(t.userId),
  ],
);

/**
 * A user's push preferences (decision 106): the kind groups turned off, and quiet hours as
 * minutes of the day in the deployment's time zone (both null: none). No row = everything on.
 */
export const pushPreferences = pgTable(
  "push_preferences",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    disabled: text("disabled").array().notNull().default(sql`'{}'::text[]`),
    quietStart: smallint("quiet_start"),
    quietEnd: smallint("quiet_end"),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "push_preferences_quiet_check",
      sql`(${t.quietStart} is null) = (${t.quietEnd} is null) and coalesce(${t.quietStart}, 0) between 0 and 1439 and coalesce(${t.quietEnd}, 0) between 0 and 1439`,
    ),
  ],
);

/**
 * One push to send: a stored notification to one device, inserted in the notification's own
 * transaction. Every node claims due rows with `FOR UPDATE SKIP LOCKED`, moving `due_at` on by a
 * lease while it sends; sent or given-up jobs are deleted. Deleting the device or the notification
 * deletes its jobs.
 */
export const pushJobs = pgTable(
  "push_jobs",
  {
    id: pk(),
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: "cascade" }),
    attempts: integer("attempts").notNull().default(0),
    /** Held by the user's quiet hours (not a failure): changing preferences makes it due again. */
    held: boolean("held").notNull().default(false),
    dueAt: tstz("due_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index("push_jobs_due_idx").on(t.dueAt),
    index("push_jobs_subscription_idx").on(t.subscriptionId),
    index("push_jobs_notification_idx").on(t.notificationId),
  ],
);
