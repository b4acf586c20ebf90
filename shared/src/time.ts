import { TZDate } from "@date-fns/tz";

/**
 * The instant of local `date` (`YYYY-MM-DD`) `time` (`HH:mm`) in `timeZone`: how a station's wall
 * clock becomes one moment, the same on the server (recurrence, reports) and in the browser (slot
 * form). A wall-clock time that does not exist (the hour skipped when DST starts) moves forward by
 * the gap; an ambiguous one (DST ends) takes the first of the two, still on summer time.
 */
export function localInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(TZDate.tz(timeZone, y, m - 1, d, hh, mm).getTime());
}
