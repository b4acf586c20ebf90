import { z } from "zod";
import { Id, IsoDateTime, label, text } from "./common.js";

/** Who brought or collected a child: chosen from the family's caregivers / emergency contact, or typed. */
export const HandoverPersonSchema = z.strictObject({
  name: label(1, 60),
  relation: label(1, 40),
});
export type HandoverPerson = z.infer<typeof HandoverPersonSchema>;

/** Body of check-in: who brought the child. */
export const CheckInBodySchema = z.strictObject({ broughtBy: HandoverPersonSchema });
/** Body of check-out (pick-up): who collected the child. */
export const CheckOutBodySchema = z.strictObject({ collectedBy: HandoverPersonSchema });

/** Attendance marks staff can undo within `ATTENDANCE_UNDO_MINUTES` (decision 142). */
export const ATTENDANCE_MARKS = ["check_in", "check_out", "no_show"] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];
/** How long after a mark staff may still undo it. */
export const ATTENDANCE_UNDO_MINUTES = 10;
export const UndoAttendanceSchema = z.strictObject({ mark: z.enum(ATTENDANCE_MARKS) });

/** Named regions of the body outline (front and back) an incident can be located on. */
export const BODY_REGIONS = [
  "head_front",
  "face",
  "neck_front",
  "chest",
  "belly",
  "left_arm_front",
  "right_arm_front",
  "left_hand",
  "right_hand",
  "left_leg_front",
  "right_leg_front",
  "left_foot",
  "right_foot",
  "head_back",
  "neck_back",
  "upper_back",
  "lower_back",
  "buttocks",
  "left_arm_back",
  "right_arm_back",
  "left_leg_back",
  "right_leg_back",
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

export const IncidentCreateSchema = z.strictObject({
  occurredAt: IsoDateTime,
  whatHappened: text(1, 2000),
  firstAid: text(0, 1000),
  bodyLocations: z
    .array(z.enum(BODY_REGIONS))
    .max(BODY_REGIONS.length)
    .refine((a) => new Set(a).size === a.length, { message: "must not repeat a region" }),
  witnesses: text(0, 500),
});
export type IncidentCreateInput = z.infer<typeof IncidentCreateSchema>;

export const IncidentAddendumCreateSchema = z.strictObject({ body: text(1, 2000) });

const Person = z.object({ id: Id, displayName: z.string() }).nullable();

export const IncidentAddendumSchema = z.object({
  id: Id,
  author: Person,
  body: z.string(),
  createdAt: IsoDateTime,
});

/** An incident report with its addenda and the family's acknowledgement. */
export const IncidentSchema = z.object({
  id: Id,
  bookingId: Id,
  station: z.object({ id: Id, name: z.string() }),
  child: z.object({ id: Id, nickname: z.string() }),
  familyId: Id,
  occurredAt: IsoDateTime,
  whatHappened: z.string(),
  firstAid: z.string(),
  bodyLocations: z.array(z.enum(BODY_REGIONS)),
  witnesses: z.string(),
  filedBy: Person,
  createdAt: IsoDateTime,
  addenda: z.array(IncidentAddendumSchema),
  acknowledged: z.object({ by: Person, at: IsoDateTime }).nullable(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentResultSchema = z.object({ incident: IncidentSchema });

export const IncidentListQuery = z.strictObject({
  stationId: Id.optional(),
  childId: Id.optional(),
  unacknowledged: z.enum(["true", "false"]).optional(),
});
export const IncidentListSchema = z.object({ incidents: z.array(IncidentSchema) });

/** Incidents per station in the last 30 and 365 days (dashboard). */
export const IncidentCountsSchema = z.object({
  stations: z.array(
    z.object({
      stationId: Id,
      stationName: z.string(),
      last30Days: z.number().int(),
      last365Days: z.number().int(),
      unacknowledged: z.number().int(),
    }),
  ),
});
export type IncidentCounts = z.infer<typeof IncidentCountsSchema>;

/** How often a confirmed care plan must be reviewed. */
export const CARE_PLAN_REVIEW_MONTHS = 6;

export const CarePlanInputSchema = z.strictObject({
  calming: text(1, 2000),
  routines: text(0, 2000),
  emergency: text(1, 2000),
});
export type CarePlanInput = z.infer<typeof CarePlanInputSchema>;

export const CarePlanParams = z.strictObject({ id: Id, stationId: Id });

/** A child's care plan at one station; `confirmedAt` null until the family confirms this version. */
export const CarePlanSchema = z.object({
  id: Id,
  childId: Id,
  station: z.object({ id: Id, name: z.string() }),
  calming: z.string(),
  routines: z.string(),
  emergency: z.string(),
  version: z.number().int(),
  updatedBy: Person,
  updatedAt: IsoDateTime,
  confirmedAt: IsoDateTime.nullable(),
  confirmedBy: Person,
  reviewDueAt: IsoDateTime.nullable(),
  reviewOverdue: z.boolean(),
});
export type CarePlan = z.infer<typeof CarePlanSchema>;
export const CarePlanResultSchema = z.object({ carePlan: CarePlanSchema });
export const CarePlanListSchema = z.object({ carePlans: z.array(CarePlanSchema) });
