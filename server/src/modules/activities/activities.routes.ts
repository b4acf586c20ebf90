import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { ActivitiesService } from "./activities.service.js";

/** /api/activities: group activities and training (issue 19 §4). */
export function activitiesRoutes(router: Router, authenticate: Authenticate, svc: ActivitiesService): void {
  mount(router, ROUTES.listActivities, authenticate, ({ user }) => svc.list(user));
  mount(router, ROUTES.createActivity, authenticate, ({ user, body }) => svc.create(user, body));
  mount(router, ROUTES.getActivity, authenticate, ({ user, params }) => svc.get(user, params.id));
  mount(router, ROUTES.signUpActivity, authenticate, ({ user, params }) => svc.signUp(user, params.id));
  mount(router, ROUTES.leaveActivity, authenticate, ({ user, params }) => svc.leave(user, params.id));
  mount(router, ROUTES.cancelActivity, authenticate, ({ user, params, body }) =>
    svc.cancel(user, params.id, body),
  );
  mount(router, ROUTES.recordActivityAttendance, authenticate, ({ user, params, body }) =>
    svc.recordAttendance(user, params.id, body),
  );
}
