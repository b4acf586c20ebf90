import { z } from "zod";
import { Id, IsoDateTime, label, text } from "./common.js";

/** What a group activity is for (issue 19 §4). */
export const ACTIVITY_KINDS = ["caregiver_respite", "parent_training", "director_training"] as const;
/** Who may sign up: caregivers, staff (social workers, station staff), or both. */
export const ACTIVITY_AUDIENCES = ["caregivers", "staff", "all"] as const;
export const SIGNUP_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
/** An activity is scheduled until its organisers cancel it (decision 148). */
export const ACTIVITY_STATUSES = ["scheduled", "cancelled"] as const;

/** A new session, run by a station (its staff) or by a social worker. */
export const ActivityCreateSchema = z
  .strictObject({
    kind: z.enum(ACTIVITY_KINDS),
    topic: label(1, 120),
    facilitator: label(1, 80),
    /** The station it runs at, if any (station staff must name their own). */
    stationId: Id.optional(),
    location: text(0, 200).optional(),
    audience: z.enum(ACTIVITY_AUDIENCES),
    capacity: z.number().int().min(1).max(500),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), {
    path: ["endsAt"],
    message: "must be after startsAt",
  });
export type ActivityCreateInput = z.infer<typeof ActivityCreateSchema>;

/** Organisers record whether a confirmed participant came. */
export const ActivityAttendanceSchema = z.strictObject({ userId: Id, attended: z.boolean() });
export type ActivityAttendanceInput = z.infer<typeof ActivityAttendanceSchema>;

/** Organisers cancel an activity, saying why (told to everyone signed up). */
export const ActivityCancelSchema = z.strictObject({ reason: text(1, 200) });
export type ActivityCancelInput = z.infer<typeof ActivityCancelSchema>;

/** One participant as organisers see them. */
export const ActivityParticipantSchema = z.object({
  userId: Id,
  displayName: z.string(),
  role: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  /** 1-based place on the waitlist (waitlisted only). */
  waitlistPosition: z.number().int().nullable(),
  attended: z.boolean().nullable(),
});

export const ActivitySchema = z.object({
  id: Id,
  kind: z.enum(ACTIVITY_KINDS),
  topic: z.string(),
  facilitator: z.string(),
  station: z.object({ id: Id, name: z.string(), address: z.string() }).nullable(),
  location: z.string(),
  audience: z.enum(ACTIVITY_AUDIENCES),
  capacity: z.number().int(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  organiserId: Id.nullable(),
  /** Cancelled ones are listed for their organisers only (marked); a direct link still opens them. */
  status: z.enum(ACTIVITY_STATUSES),
  /** The organisers' reason, when cancelled. */
  cancelReason: z.string().nullable(),
  /** The caller's own sign-up, if any (not cancelled). */
  mySignup: z
    .object({ status: z.enum(SIGNUP_STATUSES), waitlistPosition: z.number().int().nullable() })
    .nullable(),
  /** May the caller record attendance (and see participants)? */
  canManage: z.boolean(),
  /** Organisers only, and only in one activity's answer (audited, decision 155); empty in lists. */
  participants: z.array(ActivityParticipantSchema),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ActivityResultSchema = z.object({ activity: ActivitySchema });
export const ActivityListSchema = z.object({ activities: z.array(ActivitySchema) });
