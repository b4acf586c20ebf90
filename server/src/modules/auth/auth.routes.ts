import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { AuthService } from "./auth.service.js";

/** /api/auth/* and /api/me */
export function authRoutes(router: Router, authenticate: Authenticate, auth: AuthService): void {
  mount(router, ROUTES.register, authenticate, ({ body }) => auth.register(body));
  mount(router, ROUTES.login, authenticate, ({ body, req }) =>
    auth.login(body, req.ip ?? req.socket.remoteAddress),
  );
  mount(router, ROUTES.refresh, authenticate, ({ body }) => auth.refresh(body.refreshToken));
  mount(router, ROUTES.logout, authenticate, async ({ body }) => {
    await auth.logout(body.refreshToken);
    return { ok: true };
  });
  mount(router, ROUTES.logoutEverywhere, authenticate, async ({ user }) => {
    await auth.logoutEverywhere(user);
    return { ok: true };
  });
  mount(router, ROUTES.changePassword, authenticate, async ({ user, body, req }) => {
    await auth.changePassword(user, body, req.ip ?? req.socket.remoteAddress);
    return { ok: true };
  });
  mount(router, ROUTES.getMe, authenticate, ({ user }) => auth.me(user));
  mount(router, ROUTES.updateMe, authenticate, ({ user, body }) => auth.updateMe(user, body));
}
