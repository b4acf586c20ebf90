import { localInstant, type OpeningHours } from "@carecircle/shared";
import { addCalendarDays, isoWeekdayOf, localToday } from "./local-time.js";

/** The parts of a slot rule that decide when its slots are. */
export interface RecurrenceRule {
  weekdays: number[];
  /** Station-local `HH:mm`. */
  startTime: string;
  endTime: string;
  /** `YYYY-MM-DD`, inclusive. */
  validFrom: string;
  validTo: string | null;
  weeksAhead: number;
}

/** One concrete occurrence of a rule. */
export interface Occurrence {
  localDate: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The occurrences of `rule` from station-local today through `weeksAhead` weeks, skipping
 * blackout dates and occurrences that have already started. Each occurrence is the rule's
 * wall-clock time on its local date, so a 09:00 rule stays at 09:00 across a DST change (its UTC
 * instant moves by the offset change). Pure and deterministic for a given `now`.
 */
export function occurrences(
  rule: RecurrenceRule,
  opts: { timeZone: string; now: Date; blackouts?: ReadonlySet<string> },
): Occurrence[] {
  const today = localToday(opts.now, opts.timeZone);
  let first = today;
  if (rule.validFrom > today) first = rule.validFrom;
  const horizon = addCalendarDays(today, rule.weeksAhead * 7);
  const last = rule.validTo && rule.validTo < horizon ? rule.validTo : addCalendarDays(horizon, -1);
  const days = new Set(rule.weekdays);
  const out: Occurrence[] = [];
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    if (!days.has(isoWeekdayOf(date)) || opts.blackouts?.has(date)) continue;
    const startsAt = localInstant(date, rule.startTime, opts.timeZone);
    const endsAt = localInstant(date, rule.endTime, opts.timeZone);
    if (endsAt <= startsAt || startsAt <= opts.now) continue;
    out.push({ localDate: date, startsAt, endsAt });
  }
  return out;
}

/**
 * True if `start`-`end` (local `HH:mm`) on ISO `weekday` lies inside one of the station's opening
 * ranges. A station without opening hours accepts any time.
 */
export function fitsOpeningHours(hours: OpeningHours, weekday: number, start: string, end: string): boolean {
  if (Object.keys(hours).length === 0) return true;
  const ranges = hours[String(weekday) as keyof OpeningHours] ?? [];
  return ranges.some(([open, close]) => open <= start && end <= close);
}
