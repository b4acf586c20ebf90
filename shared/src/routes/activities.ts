import {
  ActivityAttendanceSchema,
  ActivityCancelSchema,
  ActivityCreateSchema,
  ActivityListSchema,
  ActivityResultSchema,
} from "../schemas/activities.js";
import { IdParams } from "../schemas/common.js";
import { ALL_ROLES, defineRoutes } from "./define.js";

const SIGNERS = ["caregiver", "social_worker", "station_staff"] as const;
const ORGANISERS = ["social_worker", "station_staff", "admin"] as const;

/** Group activities and training (issue 19 §4, decision 141). */
export const activityRoutes = defineRoutes({
  listActivities: {
    method: "get",
    path: "/api/activities",
    summary:
      "Upcoming group activities the caller may join or runs (cancelled: organisers only), with the caller's sign-up",
    tag: "activities",
    access: ALL_ROLES,
    relations: ["self"],
    response: ActivityListSchema,
  },
  createActivity: {
    method: "post",
    path: "/api/activities",
    summary: "Create a group activity (station staff: at their own station; social workers: anywhere)",
    tag: "activities",
    access: ORGANISERS,
    relations: ["station_staff"],
    unscoped: ["admin", "social_worker"],
    body: ActivityCreateSchema,
    response: ActivityResultSchema,
    status: 201,
  },
  getActivity: {
    method: "get",
    path: "/api/activities/:id",
    summary: "One group activity (organisers also see its participants; that read is audited)",
    tag: "activities",
    access: ALL_ROLES,
    params: IdParams,
    response: ActivityResultSchema,
  },
  signUpActivity: {
    method: "post",
    path: "/api/activities/:id/signup",
    summary:
      "Sign up for an activity (its audience; not cancelled or started); full: the waitlist, first come first served",
    tag: "activities",
    access: SIGNERS,
    relations: ["self"],
    params: IdParams,
    response: ActivityResultSchema,
    status: 201,
  },
  leaveActivity: {
    method: "post",
    path: "/api/activities/:id/leave",
    summary: "Withdraw a sign-up; a freed seat goes to the head of the waitlist at once",
    tag: "activities",
    access: SIGNERS,
    relations: ["self"],
    params: IdParams,
    response: ActivityResultSchema,
  },
  recordActivityAttendance: {
    method: "post",
    path: "/api/activities/:id/attendance",
    summary:
      "Organisers: record whether a confirmed participant came, once it has started (feeds the case timeline)",
    tag: "activities",
    access: ORGANISERS,
    relations: ["activity_organiser"],
    params: IdParams,
    body: ActivityAttendanceSchema,
    response: ActivityResultSchema,
  },
  cancelActivity: {
    method: "post",
    path: "/api/activities/:id/cancel",
    summary: "Organisers: cancel an activity with a reason; everyone confirmed or waitlisted is told",
    tag: "activities",
    access: ORGANISERS,
    relations: ["activity_organiser"],
    params: IdParams,
    body: ActivityCancelSchema,
    response: ActivityResultSchema,
  },
});
