import { z } from "zod";
import {
  AlertAckSchema,
  AlertClaimSchema,
  AlertListQuery,
  CrisisAlertSchema,
  DashboardQuery,
  DashboardSchema,
  DutyHoursPutSchema,
  DutyHoursSchema,
} from "../schemas/alerts.js";
import { IdParams } from "../schemas/common.js";
import { defineRoutes } from "./define.js";

const MODERATORS = ["social_worker", "admin"] as const;

/**
 * Alerts that must reach a person (issue 13): crisis and stress alerts, claiming, acknowledging,
 * the dashboard of how fast they were handled, and social workers' on-duty hours, which decide
 * who an unanswered alert escalates to (decision 072).
 */
export const alertRoutes = defineRoutes({
  listAlerts: {
    method: "get",
    path: "/api/moderation/alerts",
    summary:
      "Alerts I may act on (crisis alerts of groups I moderate, alerts routed or escalated to me; admins: all), most urgent tier first, then oldest",
    tag: "moderation",
    access: MODERATORS,
    relations: ["group_moderator", "alert_recipient"],
    query: AlertListQuery,
    response: z.object({ alerts: z.array(CrisisAlertSchema) }),
  },
  claimAlert: {
    method: "post",
    path: "/api/moderation/alerts/:id/claim",
    summary: 'Claim an open alert ("我来跟进"); 409 if someone else holds it unless takeOver',
    tag: "moderation",
    access: MODERATORS,
    relations: ["group_moderator", "alert_recipient"],
    params: IdParams,
    body: AlertClaimSchema,
    response: z.object({ alert: CrisisAlertSchema }),
  },
  acknowledgeAlert: {
    method: "post",
    path: "/api/moderation/alerts/:id/acknowledge",
    summary: "Acknowledge an alert and record the follow-up (stops its escalation)",
    tag: "moderation",
    access: MODERATORS,
    relations: ["group_moderator", "alert_recipient"],
    params: IdParams,
    body: AlertAckSchema,
    response: z.object({ alert: CrisisAlertSchema }),
  },
  moderationDashboard: {
    method: "get",
    path: "/api/moderation/dashboard",
    summary: "Open alerts, median time to acknowledge, open reports, hidden messages",
    tag: "moderation",
    access: MODERATORS,
    relations: ["group_moderator"],
    query: DashboardQuery,
    response: DashboardSchema,
  },
  getMyDutyHours: {
    method: "get",
    path: "/api/me/duty-hours",
    summary: "My weekly on-duty hours (social workers), in the deployment's time zone",
    tag: "duty",
    access: ["social_worker"],
    relations: ["self"],
    response: DutyHoursSchema,
  },
  setMyDutyHours: {
    method: "put",
    path: "/api/me/duty-hours",
    summary: "Replace my weekly on-duty hours",
    tag: "duty",
    access: ["social_worker"],
    relations: ["self"],
    body: DutyHoursPutSchema,
    response: DutyHoursSchema,
  },
  getUserDutyHours: {
    method: "get",
    path: "/api/admin/users/:id/duty-hours",
    summary: "A social worker's weekly on-duty hours",
    tag: "duty",
    access: ["admin"],
    params: IdParams,
    response: DutyHoursSchema,
  },
  setUserDutyHours: {
    method: "put",
    path: "/api/admin/users/:id/duty-hours",
    summary: "Replace a social worker's weekly on-duty hours",
    tag: "duty",
    access: ["admin"],
    params: IdParams,
    body: DutyHoursPutSchema,
    response: DutyHoursSchema,
  },
});
