import { localInstant } from "@carecircle/shared";
import { addCalendarDays, localParts } from "../slots/local-time.js";

/** Which reminder of a booking: the evening before, or shortly before the start. */
export type ReminderKind = "evening" | "soon";

/** How long before the start the "soon" reminder is due. */
export const SOON_BEFORE_MS = 2 * 60 * 60 * 1000;

/** The facts a reminder's plan depends on. */
export interface ReminderFacts {
  startsAt: Date;
  timeZone: string;
  /** Station-local hour of the evening reminder, 0-23. */
  reminderHour: number;
}

/** The due time of each reminder: `reminderHour`:00 station-local the day before, and two hours before. */
export function reminderDueTimes(f: ReminderFacts): Record<ReminderKind, Date> {
  const day = localParts(f.startsAt, f.timeZone).date;
  const hour = `${String(f.reminderHour).padStart(2, "0")}:00`;
  return {
    evening: localInstant(addCalendarDays(day, -1), hour, f.timeZone),
    soon: new Date(f.startsAt.getTime() - SOON_BEFORE_MS),
  };
}

/**
 * The reminders to plan for a booking confirmed at `confirmedAt`: none whose time has already
 * passed (a booking made at 20:00 for tomorrow gets only the "soon" one), and no evening reminder
 * that would come after the "soon" one (a start just after midnight with a late reminder hour).
 */
export function plannedReminders(f: ReminderFacts, confirmedAt: Date): { kind: ReminderKind; dueAt: Date }[] {
  const due = reminderDueTimes(f);
  const out: { kind: ReminderKind; dueAt: Date }[] = [];
  if (due.evening > confirmedAt && due.evening < due.soon) out.push({ kind: "evening", dueAt: due.evening });
  if (due.soon > confirmedAt) out.push({ kind: "soon", dueAt: due.soon });
  return out;
}

/** Why a due reminder is not sent. */
export type SkipReason = "not_confirmed" | "slot_cancelled" | "started" | "superseded";

/**
 * At its due time, is a reminder still worth sending? Only for a booking that still stands on a
 * slot that still stands and has not started; an evening reminder found only once the "soon" one
 * is due too (the nodes were down) gives way to it, so the family hears once, not twice.
 */
export function reminderVerdict(r: {
  kind: ReminderKind;
  bookingStatus: string;
  slotCancelled: boolean;
  startsAt: Date;
  now: Date;
}): { send: true } | { send: false; reason: SkipReason } {
  if (r.bookingStatus !== "confirmed") return { send: false, reason: "not_confirmed" };
  if (r.slotCancelled) return { send: false, reason: "slot_cancelled" };
  if (r.startsAt <= r.now) return { send: false, reason: "started" };
  if (r.kind === "evening" && r.now.getTime() >= r.startsAt.getTime() - SOON_BEFORE_MS)
    return { send: false, reason: "superseded" };
  return { send: true };
}
