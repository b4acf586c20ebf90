import type { DbOrTx } from "../../db/client.js";
import { plannedReminders, reminderDueTimes } from "./reminder-rules.js";
import { remindersRepo } from "./reminders.repo.js";

/** The station facts a plan needs. */
export interface ReminderStation {
  timeZone: string;
  reminderHour: number;
}

/**
 * Inside the transaction that confirms bookings (a new booking, a promotion from the waitlist):
 * plan their reminders, skipping any whose time is already past at `confirmedAt`.
 */
export async function planReminders(
  tx: DbOrTx,
  station: ReminderStation,
  confirmed: readonly { bookingId: string; startsAt: Date }[],
  confirmedAt: Date,
): Promise<void> {
  await remindersRepo.insert(
    tx,
    confirmed.flatMap(({ bookingId, startsAt }) =>
      plannedReminders({ startsAt, ...station }, confirmedAt).map((r) => ({ bookingId, ...r })),
    ),
  );
}

/** Inside the transaction that changes a station's reminder hour: move its evening reminders still to come. */
export async function moveEveningReminders(
  tx: DbOrTx,
  station: ReminderStation & { id: string },
): Promise<void> {
  for (const r of await remindersRepo.pendingEveningOfStation(tx, station.id)) {
    const due = reminderDueTimes({ startsAt: r.startsAt, ...station });
    await remindersRepo.setDue(tx, r.bookingId, "evening", due.evening);
  }
}
