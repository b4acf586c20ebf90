import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { PushService } from "./push.service.js";

/** /api/push */
export function pushRoutes(router: Router, authenticate: Authenticate, svc: PushService): void {
  mount(router, ROUTES.pushKey, authenticate, async () => svc.publicKey());
  mount(router, ROUTES.listPushDevices, authenticate, ({ user }) => svc.list(user.id));
  mount(router, ROUTES.subscribePush, authenticate, ({ user, body }) => svc.subscribe(user.id, body));
  mount(router, ROUTES.unsubscribePush, authenticate, ({ user, body }) =>
    svc.unsubscribe(user.id, body.endpoint),
  );
  mount(router, ROUTES.pushPreferences, authenticate, ({ user }) => svc.preferences(user.id));
  mount(router, ROUTES.updatePushPreferences, authenticate, ({ user, body }) => svc.update(user.id, body));
}
