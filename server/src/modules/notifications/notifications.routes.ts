import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { NotificationsService } from "./notifications.service.js";

/** /api/notifications */
export function notificationsRoutes(
  router: Router,
  authenticate: Authenticate,
  svc: NotificationsService,
): void {
  mount(router, ROUTES.listNotifications, authenticate, ({ user, query }) => svc.list(user.id, query));
  mount(router, ROUTES.markNotificationsRead, authenticate, ({ user, body }) => svc.markRead(user.id, body));
}
