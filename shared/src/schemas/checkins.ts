import { z } from "zod";
import { BOOKING_LIMITS } from "./booking-common.js";
import { Id, IsoDateTime, text } from "./common.js";

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
});
export type Checkin = z.infer<typeof CheckinSchema>;

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
