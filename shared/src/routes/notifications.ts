import { z } from "zod";
import {
  MarkNotificationsReadSchema,
  NotificationListQuery,
  NotificationSchema,
} from "../schemas/notifications.js";
import { ALL_ROLES, defineRoutes } from "./define.js";

/** The caller's own notification list. */
export const notificationRoutes = defineRoutes({
  listNotifications: {
    method: "get",
    path: "/api/notifications",
    summary: "The caller's notifications, newest first, with the unread count",
    tag: "notifications",
    access: ALL_ROLES,
    relations: ["self"],
    query: NotificationListQuery,
    response: z.object({ notifications: z.array(NotificationSchema), unreadCount: z.number().int() }),
  },
  markNotificationsRead: {
    method: "post",
    path: "/api/notifications/read",
    summary: "Mark some (ids) or all of the caller's notifications read",
    tag: "notifications",
    access: ALL_ROLES,
    relations: ["self"],
    body: MarkNotificationsReadSchema,
    response: z.object({ unreadCount: z.number().int() }),
  },
});
