import type { DbOrTx, Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import type { ReminderStation } from "../reminders/reminder-plan.js";
import { plannedReminders, reminderVerdict } from "../reminders/reminder-rules.js";
import { toOffsetIso } from "../slots/local-time.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { type ActivityRow, activitiesRepo } from "./activities.repo.js";

const BATCH = 50;
/** A station's default reminder hour (stations.reminder_hour), for activities held at no station. */
const DEFAULT_REMINDER_HOUR = 18;

type DueReminder = Awaited<ReturnType<typeof activitiesRepo.lockDueReminders>>[number];

/** The activity's station's time zone and reminder hour; the server's zone at the default hour without one. */
async function reminderStation(db: DbOrTx, a: ActivityRow, zone: string): Promise<ReminderStation> {
  const station = a.stationId ? await stationsRepo.byId(db, a.stationId) : undefined;
  return station ?? { timeZone: zone, reminderHour: DEFAULT_REMINDER_HOUR };
}

/** The start written with the offset of the activity's place (as booking notices are), for notices. */
export async function localStartsAt(db: DbOrTx, a: ActivityRow, zone: string): Promise<string> {
  return toOffsetIso(a.startsAt, (await reminderStation(db, a, zone)).timeZone);
}

/**
 * When a seat confirmed at `confirmedAt` is reminded (decision 148): the booking rule's evening
 * before, or its two-hours-before when the evening has passed; null when both have. One reminder
 * per seat, the first the booking plan would send.
 */
export async function remindAtFor(
  db: DbOrTx,
  a: ActivityRow,
  zone: string,
  confirmedAt: Date,
): Promise<Date | null> {
  const station = await reminderStation(db, a, zone);
  return plannedReminders({ startsAt: a.startsAt, ...station }, confirmedAt)[0]?.dueAt ?? null;
}

/**
 * Activity reminders, built like booking reminders (decision 107): the due time is
 * `activity_signups.remind_at`; every node polls due rows with `FOR UPDATE SKIP LOCKED` and, in the
 * same transaction, clears it and stores the participant's `activity_reminder`, pushed after
 * commit. A restart loses nothing, and a reminder is sent once. A sign-up left, or an activity
 * cancelled or started before the time, is skipped.
 */
export function createActivityReminders(deps: Deps) {
  const { config, logger } = deps;

  async function handle(tx: Tx, uow: UnitOfWork, due: DueReminder, now: Date): Promise<boolean> {
    const { signup, activity } = due;
    // One reminder per seat: the booking rule's last one ("soon"), which no later one supersedes.
    const verdict = reminderVerdict({
      kind: "soon",
      bookingStatus: signup.status,
      slotCancelled: !!activity.cancelledAt,
      startsAt: activity.startsAt,
      now,
    });
    if (!(await activitiesRepo.finishReminder(tx, signup.id)) || !verdict.send) return false;
    const payload = {
      activityId: activity.id,
      activityKind: activity.kind,
      startsAt: toOffsetIso(activity.startsAt, due.timeZone ?? config.timeZone),
    };
    uow.notify({ userId: signup.userId, kind: "activity_reminder", payload });
    return true;
  }

  /** Send (or skip) every due reminder once, in batches; answers how many were handled. */
  async function runDue(now = new Date()): Promise<number> {
    return drainInBatches(BATCH, async () => {
      const { taken, sent } = await unitOfWork(deps, async (tx, uow) => {
        const due = await activitiesRepo.lockDueReminders(tx, now, BATCH);
        let sent = 0;
        for (const d of due) if (await handle(tx, uow, d, now)) sent++;
        return { taken: due.length, sent };
      });
      if (taken > 0) logger.info({ handled: taken, sent }, "activity reminders due");
      return taken;
    });
  }

  return {
    runDue,
    ...createPoller({
      everyMs: config.reminderPollMs,
      poll: () => runDue(),
      logger,
      what: "activity reminder",
    }),
  };
}
export type ActivityReminders = ReturnType<typeof createActivityReminders>;
