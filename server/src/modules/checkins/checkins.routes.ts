import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { CheckinsService } from "./checkins.service.js";

/** /api/checkins, /api/families/:id/urgent */
export function checkinsRoutes(router: Router, authenticate: Authenticate, svc: CheckinsService): void {
  mount(router, ROUTES.createCheckin, authenticate, ({ user, body }) => svc.create(user, body));
  mount(router, ROUTES.listCheckins, authenticate, ({ user, query }) => svc.list(user, query.familyId));
  mount(router, ROUTES.setFamilyUrgent, authenticate, ({ user, params, body }) =>
    svc.setUrgent(user, params.id, body),
  );
}
