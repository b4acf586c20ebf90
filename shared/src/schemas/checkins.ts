import { z } from "zod";
import { BOOKING_LIMITS } from "./booking-common.js";
import { Id, IsoDateTime, text } from "./common.js";
import { SlotSchema } from "./slots.js";

/** A caregiver's own 1-5 rating of current parenting stress (5 = overwhelmed). */
export const CheckinCreateSchema = z.strictObject({
  stress: z.number().int().min(1).max(5),
  note: text(0, BOOKING_LIMITS.checkinNoteMax).optional(),
});
export type CheckinCreateInput = z.infer<typeof CheckinCreateSchema>;

export const CheckinListQuery = z.strictObject({
  /** Social workers and admins: which (assigned) family. Caregivers: own family only. */
  familyId: Id.optional(),
});

export const CheckinSchema = z.object({
  id: Id,
  familyId: Id,
  user: z.object({ id: Id, displayName: z.string() }).nullable(),
  stress: z.number().int(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
  /**
   * Staff only: one of the family's bookings joined a waitlist within
   * `CHECKIN_WAITLIST_CLUSTER_MINUTES` after this check-in (check-ins clustering around waitlist
   * moments may be gaming the waitlist order; decision 088).
   */
  beforeWaitlist: z.boolean().optional(),
});
export type Checkin = z.infer<typeof CheckinSchema>;

/** A check-in this close before a booking of the family joined a waitlist is flagged to staff. */
export const CHECKIN_WAITLIST_CLUSTER_MINUTES = 60;

/** The answer to a check-in: `high` by `isHighStress` (then the client offers respite at once). */
export const CheckinCreatedSchema = CheckinSchema.extend({ high: z.boolean() });
export type CheckinCreated = z.infer<typeof CheckinCreatedSchema>;

/** At most this many respite slots are offered after a high-stress check-in. */
export const RESPITE_OFFER_MAX = 3;

/**
 * Respite a caregiver can take up at once: the soonest slots one of her children can book (or
 * wait for, when full), by the same rules as booking; each names the child it is for.
 */
export const RespiteOfferSchema = z.object({
  /** The crisis help text (hotline numbers) in the caller's language. */
  help: z.string(),
  offers: z.array(z.object({ child: z.object({ id: Id, nickname: z.string() }), slot: SlotSchema })),
});
export type RespiteOffer = z.infer<typeof RespiteOfferSchema>;

/** The family's stress over time, as its social worker sees it. */
export const StressTrendSchema = z.object({
  latest: z.number().int().nullable(),
  latestAt: IsoDateTime.nullable(),
  /** Mean of the last 30 days, and of the 30 days before. */
  average30Days: z.number().nullable(),
  averagePrevious30Days: z.number().nullable(),
  direction: z.enum(["rising", "falling", "steady", "unknown"]),
});
export type StressTrend = z.infer<typeof StressTrendSchema>;

export const CheckinListSchema = z.object({
  checkins: z.array(CheckinSchema),
  trend: StressTrendSchema,
});
export type CheckinList = z.infer<typeof CheckinListSchema>;

/** The social worker's urgent flag: urgent families are first on every waitlist. */
export const FamilyUrgentSchema = z.strictObject({
  urgent: z.boolean(),
  note: text(0, 500).optional(),
});
export type FamilyUrgentInput = z.infer<typeof FamilyUrgentSchema>;

export const FamilyUrgentResultSchema = z.object({
  familyId: Id,
  urgent: z.boolean(),
  urgentNote: z.string().nullable(),
});
