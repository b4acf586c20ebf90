import { localInstant } from "@carecircle/shared";
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, format, formatISO, startOfISOWeek, startOfMonth } from "date-fns";

/** Station-local calendar parts of an instant. */
export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` */
  time: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday */
  weekday: number;
}

/**
 * Zone arithmetic through TZDate is slow (it asks Intl for the offset at every step) and a booking
 * storm asks the same few questions a thousand times (one slot, one station). The answers depend
 * only on the instant and the zone, so the latest few hundred are kept; callers get copies.
 */
function memoByInstant<T>(compute: (ms: number, timeZone: string) => T): (ms: number, timeZone: string) => T {
  const cache = new Map<string, T>();
  return (ms, timeZone) => {
    const key = `${ms}|${timeZone}`;
    let v = cache.get(key);
    if (v === undefined) {
      v = compute(ms, timeZone);
      if (cache.size >= 512) cache.delete(cache.keys().next().value!);
      cache.set(key, v);
    }
    return v;
  };
}

const partsOf = memoByInstant((ms, timeZone): LocalParts => {
  const local = new TZDate(ms, timeZone);
  return {
    date: format(local, "yyyy-MM-dd"),
    time: format(local, "HH:mm"),
    weekday: Number(format(local, "i")),
  };
});

/** The station-local date, time and weekday of `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  return { ...partsOf(instant.getTime(), timeZone) };
}

/** ISO 8601 with the zone's UTC offset at that instant, e.g. `2026-11-23T09:00:00+08:00`. */
export function toOffsetIso(instant: Date, timeZone: string): string {
  return offsetIsoOf(instant.getTime(), timeZone);
}

const offsetIsoOf = memoByInstant((ms, timeZone) => formatISO(new TZDate(ms, timeZone)));

/** `date` plus `days` calendar days (zone-free string arithmetic). */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `[start, end)` instants of a station-local calendar day (23 or 25 hours long across DST). */
export function localDayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  return {
    start: localInstant(date, "00:00", timeZone),
    end: localInstant(addCalendarDays(date, 1), "00:00", timeZone),
  };
}

/** `[start, end)` of the station-local ISO week (Monday 00:00) that contains `instant`. */
export function localWeekBounds(instant: Date, timeZone: string): { start: Date; end: Date } {
  const [start, end] = weekOf(instant.getTime(), timeZone);
  return { start: new Date(start), end: new Date(end) };
}

const weekOf = memoByInstant((ms, timeZone): [number, number] => {
  const start = startOfISOWeek(new TZDate(ms, timeZone));
  return [start.getTime(), addWeeks(start, 1).getTime()];
});

/** `[start, end)` of the station-local calendar month that contains `instant`. */
export function localMonthBounds(instant: Date, timeZone: string): { start: Date; end: Date } {
  const [start, end] = monthOf(instant.getTime(), timeZone);
  return { start: new Date(start), end: new Date(end) };
}

const monthOf = memoByInstant((ms, timeZone): [number, number] => {
  const start = startOfMonth(new TZDate(ms, timeZone));
  return [start.getTime(), addMonths(start, 1).getTime()];
});

/** Station-local today. */
export function localToday(now: Date, timeZone: string): string {
  return localParts(now, timeZone).date;
}

/** `instant` moved by whole local days (keeps the wall-clock time across DST). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  return new Date(addDays(new TZDate(instant.getTime(), timeZone), days).getTime());
}
