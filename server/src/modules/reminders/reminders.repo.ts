import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { bookingReminders, bookings, slots, stations } from "../../db/schema/index.js";
import type { ReminderKind } from "./reminder-rules.js";

export type ReminderRow = typeof bookingReminders.$inferSelect;

/** Data access for booking reminders (decision 107). */
export const remindersRepo = {
  /** Plan reminders; one per booking and kind (a second plan of the same one changes nothing). */
  async insert(db: DbOrTx, rows: { bookingId: string; kind: ReminderKind; dueAt: Date }[]): Promise<void> {
    if (rows.length === 0) return;
    await db.insert(bookingReminders).values(rows).onConflictDoNothing();
  },

  /**
   * Lock up to `limit` due, unfinished reminders that no other node holds, with their booking,
   * slot and station as they are now (a booking cancelled meanwhile is seen cancelled).
   */
  async lockDue(db: DbOrTx, now: Date, limit: number) {
    return db
      .select({ reminder: bookingReminders, booking: bookings, slot: slots, station: stations })
      .from(bookingReminders)
      .innerJoin(bookings, eq(bookings.id, bookingReminders.bookingId))
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(stations, eq(stations.id, bookings.stationId))
      .where(and(isNull(bookingReminders.doneAt), lte(bookingReminders.dueAt, now)))
      .orderBy(asc(bookingReminders.dueAt))
      .limit(limit)
      .for("update", { of: bookingReminders, skipLocked: true });
  },

  /** Record the reminder as sent or skipped; false if it already was (it then must not be sent again). */
  async finish(
    db: DbOrTx,
    r: { bookingId: string; kind: ReminderKind },
    outcome: "sent" | "skipped",
    now: Date,
  ): Promise<boolean> {
    const done = await db
      .update(bookingReminders)
      .set({ doneAt: now, outcome })
      .where(
        and(
          eq(bookingReminders.bookingId, r.bookingId),
          eq(bookingReminders.kind, r.kind),
          isNull(bookingReminders.doneAt),
        ),
      )
      .returning({ bookingId: bookingReminders.bookingId });
    return done.length > 0;
  },

  /** A station's evening reminders still to come, with their slot's start, to move them to a new hour. */
  async pendingEveningOfStation(db: DbOrTx, stationId: string) {
    return db
      .select({ bookingId: bookingReminders.bookingId, startsAt: slots.startsAt })
      .from(bookingReminders)
      .innerJoin(bookings, eq(bookings.id, bookingReminders.bookingId))
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(
        and(
          eq(bookings.stationId, stationId),
          eq(bookingReminders.kind, "evening"),
          isNull(bookingReminders.doneAt),
        ),
      )
      .for("update", { of: bookingReminders });
  },

  async setDue(db: DbOrTx, bookingId: string, kind: ReminderKind, dueAt: Date): Promise<void> {
    await db
      .update(bookingReminders)
      .set({ dueAt })
      .where(and(eq(bookingReminders.bookingId, bookingId), eq(bookingReminders.kind, kind)));
  },
};
