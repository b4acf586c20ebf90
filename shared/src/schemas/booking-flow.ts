import { z } from "zod";
import { SERVICE_TYPES } from "../enums.js";
import { LocalDate } from "./booking-common.js";
import { Id } from "./common.js";
import { BOOKABILITY_REASONS, SlotSchema } from "./slots.js";

/** How many local days the availability summary covers (the booking page's date strip). */
export const AVAILABILITY_DAYS = 14;
/** Most alternatives offered after a cancellation. */
export const ALTERNATIVES_MAX = 3;

/** Why nothing can be booked on a day: a booking rule's reason, or no sessions at all. */
export const DAY_REASONS = [...BOOKABILITY_REASONS, "no_sessions"] as const;
export type DayReason = (typeof DAY_REASONS)[number];

/** The 14 days from `from` (default: today in Asia/Shanghai), optionally one service only. */
export const ChildAvailabilityQuery = z.strictObject({
  from: LocalDate.optional(),
  serviceType: z.enum(SERVICE_TYPES).optional(),
});
export type ChildAvailabilityInput = z.infer<typeof ChildAvailabilityQuery>;

/** One local day for one child: how many sessions it could book, and if none, the main reason. */
export const AvailabilityDaySchema = z.object({
  date: z.string(),
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  sessions: z.number().int(),
  bookable: z.number().int(),
  /** Full sessions whose waitlist the child could join. */
  waitlistable: z.number().int(),
  /** `null` when something is bookable; otherwise the most common reason among the sessions. */
  reason: z.enum(DAY_REASONS).nullable(),
});
export type AvailabilityDay = z.infer<typeof AvailabilityDaySchema>;

export const ChildAvailabilitySchema = z.object({
  childId: Id,
  days: z.array(AvailabilityDaySchema).length(AVAILABILITY_DAYS),
});
export type ChildAvailability = z.infer<typeof ChildAvailabilitySchema>;

/**
 * After a cancellation: the nearest sessions the same child can book, same service, at the same
 * station or another in its district, nearest in time to the cancelled one first.
 */
export const BookingAlternativesSchema = z.object({
  slots: z.array(SlotSchema).max(ALTERNATIVES_MAX),
});
export type BookingAlternatives = z.infer<typeof BookingAlternativesSchema>;
