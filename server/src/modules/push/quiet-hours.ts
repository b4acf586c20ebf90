import { localParts } from "../slots/local-time.js";

/** Minutes of the day, local to the deployment's zone; may cross midnight (start > end). */
export interface QuietHours {
  start: number;
  end: number;
}

/** "HH:MM" -> minute of the day. */
export const toMinute = (hhmm: string): number => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/** Minute of the day -> "HH:MM". */
export const toHhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/**
 * When quiet hours that cover `now` end, or null when they do not cover it (decision 106). The
 * end is counted in whole local minutes from now; a DST jump inside the window moves it by the
 * jump, which only shifts a held push by that hour.
 */
export function quietUntil(now: Date, quiet: QuietHours | null, timeZone: string): Date | null {
  if (!quiet) return null;
  const minute = toMinute(localParts(now, timeZone).time);
  const { start, end } = quiet;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const wait = (end - minute + 1440) % 1440;
  const minuteStart = now.getTime() - (now.getTime() % 60_000);
  return new Date(minuteStart + wait * 60_000);
}
