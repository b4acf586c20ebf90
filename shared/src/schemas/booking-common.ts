import { z } from "zod";

/** Named limits of the booking feature, used by server validation and client forms. */
export const BOOKING_LIMITS = {
  bookingWindowDaysMax: 180,
  slotCapacityMax: 500,
  slotHoursMax: 24,
  ruleWeeksAheadMax: 52,
  searchDaysMax: 92,
  searchResultsMax: 500,
  /** Stress check-ins and respite hours older than this do not count for waitlist order. */
  priorityLookbackDays: 30,
  checkinNoteMax: 500,
} as const;

/** `HH:mm`, 00:00-23:59, station-local wall-clock time. */
export const LocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "must be HH:mm (00:00-23:59)");

/** `YYYY-MM-DD`, a station-local calendar date. */
export const LocalDate = z.iso.date();

/** An IANA time zone the runtime knows (e.g. `Asia/Shanghai`, `Europe/Berlin`). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: "must be an IANA time zone such as Asia/Shanghai" },
  );
