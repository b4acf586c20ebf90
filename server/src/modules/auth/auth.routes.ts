import { ROUTES, TOKEN_TTL } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, OK } from "../../http/mount.js";
import type { AuthService } from "./auth.service.js";
import { clearRefreshCookie, deliverTokens, refreshTokenOf } from "./refresh-cookie.js";

const address = (req: { ip?: string; socket: { remoteAddress?: string } }) =>
  req.ip ?? req.socket.remoteAddress;

/** /api/auth/*, /api/me and reset codes (/api/users/:id/reset-code) */
export function authRoutes(router: Router, authenticate: Authenticate, auth: AuthService): void {
  mount(router, ROUTES.register, authenticate, ({ body, req }) => auth.register(body, address(req)));
  mount(router, ROUTES.login, authenticate, async ({ body, req, res }) =>
    deliverTokens(req, res, await auth.login(body, address(req)), TOKEN_TTL.refreshSeconds),
  );
  mount(router, ROUTES.refresh, authenticate, async ({ body, req, res }) =>
    deliverTokens(
      req,
      res,
      await auth.refresh(refreshTokenOf(req, body.refreshToken)),
      TOKEN_TTL.refreshSeconds,
    ),
  );
  mount(router, ROUTES.logout, authenticate, async ({ body, req, res }) => {
    await auth.logout(refreshTokenOf(req, body.refreshToken));
    clearRefreshCookie(res);
    return OK;
  });
  mount(router, ROUTES.logoutEverywhere, authenticate, async ({ user }) => {
    await auth.logoutEverywhere(user);
    return OK;
  });
  mount(router, ROUTES.changePassword, authenticate, async ({ user, body, req }) => {
    await auth.changePassword(user, body, address(req));
    return OK;
  });
  mount(router, ROUTES.issueResetCode, authenticate, ({ user, params }) =>
    auth.issueResetCode(user, params.id),
  );
  mount(router, ROUTES.resetPassword, authenticate, async ({ body, req, res }) =>
    deliverTokens(req, res, await auth.resetPassword(body, address(req)), TOKEN_TTL.refreshSeconds),
  );
  mount(router, ROUTES.getMe, authenticate, ({ user }) => auth.me(user));
  mount(router, ROUTES.updateMe, authenticate, ({ user, body }) => auth.updateMe(user, body));
}
