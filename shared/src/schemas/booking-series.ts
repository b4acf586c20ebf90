import { z } from "zod";
import { BOOKING_STATUSES, SERVICE_TYPES } from "../enums.js";
import { LocalDate, LocalTime } from "./booking-common.js";
import { BOOKING_NOTE_MAX, BookingSchema } from "./bookings.js";
import { Id, IsoDateTime, text } from "./common.js";

/** Limits of a recurring booking (issue 19 §2); its note goes on every week's booking, so a booking note's length. */
export const SERIES_LIMITS = { weeksMin: 2, weeksMax: 12, noteMax: BOOKING_NOTE_MAX } as const;

/** Book the same weekly session for `weeks` weeks, starting with `slotId`. */
export const BookingSeriesCreateSchema = z.strictObject({
  childId: Id,
  /** The first occurrence; later ones are the same station, service, weekday and start time. */
  slotId: Id,
  weeks: z.number().int().min(SERIES_LIMITS.weeksMin).max(SERIES_LIMITS.weeksMax),
  note: text(0, SERIES_LIMITS.noteMax).optional(),
});
export type BookingSeriesCreateInput = z.infer<typeof BookingSeriesCreateSchema>;

/** Cancel every occurrence on or after `from` (a station-local date). */
export const BookingSeriesCancelSchema = z.strictObject({ from: LocalDate });
export type BookingSeriesCancelInput = z.infer<typeof BookingSeriesCancelSchema>;

/**
 * One week of a series: its booking or, when the
 * rules refused it, the refusal's stable `code` and `reason` (e.g. NOT_BOOKABLE / quota_reached,
 * CONFLICT / overlap, NOT_FOUND / no_session).
 */
export const SeriesOccurrenceSchema = z.object({
  /** 1-based week of the series. */
  week: z.number().int().min(1),
  date: LocalDate,
  /** The booking's status now (confirmed, waitlisted, cancelled ...), or `refused`. */
  status: z.enum([...BOOKING_STATUSES, "refused"]),
  booking: BookingSchema.nullable(),
  code: z.string().nullable(),
  reason: z.string().nullable(),
});
export type SeriesOccurrence = z.infer<typeof SeriesOccurrenceSchema>;

/** A recurring booking and each of its weeks. */
export const BookingSeriesSchema = z.object({
  id: Id,
  childId: Id,
  familyId: Id,
  stationId: Id,
  serviceType: z.enum(SERVICE_TYPES),
  /** ISO weekday (1 = Monday) and station-local start time of the session. */
  weekday: z.number().int().min(1).max(7),
  startTime: LocalTime,
  weeks: z.number().int(),
  note: z.string(),
  bookedBy: Id.nullable(),
  /** Set once the series was cancelled from that date on. */
  cancelledFrom: LocalDate.nullable(),
  createdAt: IsoDateTime,
  occurrences: z.array(SeriesOccurrenceSchema),
});
export type BookingSeries = z.infer<typeof BookingSeriesSchema>;

/** The answer of creating, reading or cancelling a series. */
export const BookingSeriesResultSchema = z.object({
  series: BookingSeriesSchema,
  /** Occurrences this call cancelled (cancel only). */
  cancelled: z.number().int().optional(),
});
export type BookingSeriesResult = z.infer<typeof BookingSeriesResultSchema>;
