import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { AdminService } from "./admin.service.js";

/** /api/admin/* */
export function adminRoutes(router: Router, authenticate: Authenticate, admin: AdminService): void {
  mount(router, ROUTES.adminCreateUser, authenticate, ({ body }) => admin.createUser(body));
  mount(router, ROUTES.adminListUsers, authenticate, async () => ({ users: await admin.list() }));
  mount(router, ROUTES.adminDisableUser, authenticate, ({ user, params }) =>
    admin.setStatus(user, params.id, "disabled"),
  );
  mount(router, ROUTES.adminEnableUser, authenticate, ({ user, params }) =>
    admin.setStatus(user, params.id, "active"),
  );
}
