import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { bookingPayload } from "../bookings/seat-changes.js";
import { reminderVerdict } from "./reminder-rules.js";
import { remindersRepo } from "./reminders.repo.js";

const BATCH = 50;

type DueReminder = Awaited<ReturnType<typeof remindersRepo.lockDue>>[number];

/**
 * Booking reminders (docs/decisions/107), built like alert escalation (072): the due time lives in
 * the database (`booking_reminders.due_at`, planned when a booking is confirmed); every node polls
 * for due rows with `FOR UPDATE SKIP LOCKED` and, in the same transaction, marks the row done and
 * stores the family's `booking_reminder` notifications, which are pushed after commit. A restart
 * loses nothing (the next poll of any node finds the row still due), and a row is done once.
 * A booking or slot cancelled before the time is found cancelled and its reminder skipped.
 */
export function createBookingReminders(deps: Deps) {
  const { config, logger } = deps;
  /** Send or skip one locked reminder; answers whether it was sent. */
  async function handle(tx: Tx, uow: UnitOfWork, due: DueReminder, now: Date): Promise<boolean> {
    const { reminder, booking, slot, station } = due;
    const verdict = reminderVerdict({
      kind: reminder.kind,
      bookingStatus: booking.status,
      slotCancelled: !!slot.cancelledAt,
      startsAt: slot.startsAt,
      now,
    });
    const outcome = verdict.send ? "sent" : "skipped";
    if (!(await remindersRepo.finish(tx, reminder, outcome, now)) || !verdict.send) return false;
    const payload = bookingPayload(booking, slot, station, { childId: booking.childId, when: reminder.kind });
    const caregivers = await bookingsRepo.caregiversOf(tx, [booking.familyId]);
    uow.notify(...caregivers.map((c) => ({ userId: c.id, kind: "booking_reminder" as const, payload })));
    return true;
  }

  /** Send (or skip) every due reminder once, in batches; answers how many were handled. */
  async function runDue(now = new Date()): Promise<number> {
    return drainInBatches(BATCH, async () => {
      const { taken, sent } = await unitOfWork(deps, async (tx, uow) => {
        const due = await remindersRepo.lockDue(tx, now, BATCH);
        let sent = 0;
        for (const d of due) if (await handle(tx, uow, d, now)) sent++;
        return { taken: due.length, sent };
      });
      if (taken > 0) logger.info({ handled: taken, sent }, "booking reminders due");
      return taken;
    });
  }

  return {
    runDue,
    ...createPoller({
      everyMs: config.reminderPollMs,
      poll: () => runDue(),
      logger,
      what: "booking reminder",
    }),
  };
}
export type BookingReminders = ReturnType<typeof createBookingReminders>;
