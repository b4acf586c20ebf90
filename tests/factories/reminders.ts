import { sql } from "@carecircle/server";
import type { TestServer } from "../setup/server.js";
import { sqlRows } from "./db.js";

type HasDb = Pick<TestServer, "cc">;

/** A booking's reminder rows (decision 107), evening first. */
export async function reminderRows(srv: HasDb, bookingId: string) {
  return sqlRows<{ kind: string; due_at: string; done_at: string | null; outcome: string | null }>(
    srv,
    sql`SELECT kind, due_at::text, done_at::text, outcome FROM booking_reminders
        WHERE booking_id = ${bookingId}::uuid ORDER BY kind`,
  );
}

/** Move the clock in the database: these bookings' unfinished reminders (of `kind`, or all) fall due now. */
export async function makeRemindersDue(srv: HasDb, bookingIds: string[], kind?: "evening" | "soon") {
  await sqlRows(
    srv,
    sql`UPDATE booking_reminders SET due_at = now() - interval '1 second'
        WHERE booking_id = ANY(${`{${bookingIds.join(",")}}`}::uuid[]) AND done_at IS NULL
          AND (${kind ?? null}::text IS NULL OR kind = ${kind ?? null})`,
  );
}

/** Have these bookings' reminders all been sent or skipped? */
export async function remindersDone(srv: HasDb, bookingIds: string[]): Promise<boolean> {
  const [r] = await sqlRows<{ n: number }>(
    srv,
    sql`SELECT count(*)::int AS n FROM booking_reminders
        WHERE booking_id = ANY(${`{${bookingIds.join(",")}}`}::uuid[]) AND done_at IS NULL`,
  );
  return r!.n === 0;
}
