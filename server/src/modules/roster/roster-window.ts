import { addCalendarDays, localDayBounds, localParts } from "../slots/local-time.js";

/**
 * The need-to-know window of a slot for its station's staff: from the start of the station-local
 * day before the slot to the end of the day after it. Care notes, emergency contacts and the
 * family's phone numbers are shown to the station's staff only inside it.
 */
export function needToKnowWindow(slotStartsAt: Date, timeZone: string): { start: Date; end: Date } {
  const slotDay = localParts(slotStartsAt, timeZone).date;
  return {
    start: localDayBounds(addCalendarDays(slotDay, -1), timeZone).start,
    end: localDayBounds(addCalendarDays(slotDay, 1), timeZone).end,
  };
}

/** True when `now` is inside the need-to-know window of a slot starting at `slotStartsAt`. */
export function insideNeedToKnow(now: Date, slotStartsAt: Date, timeZone: string): boolean {
  const w = needToKnowWindow(slotStartsAt, timeZone);
  return now >= w.start && now < w.end;
}
