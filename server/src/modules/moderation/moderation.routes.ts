import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { SanctionsService } from "./sanctions.service.js";

/** Moderation routes: sanctions, reports, watched words, alerts, audit log. */
export function moderationRoutes(
  router: Router,
  authenticate: Authenticate,
  s: { sanctions: SanctionsService },
): void {
  mount(router, ROUTES.removeMember, authenticate, ({ user, params, body }) =>
    s.sanctions.remove(user, params.id, params.userId, body.reason),
  );
}
