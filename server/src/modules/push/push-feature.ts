import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import { pushRoutes } from "./push.routes.js";
import { createPushService } from "./push.service.js";
import { createPushSender } from "./push-sender.js";
import { resolveVapidKeys } from "./vapid-keys.js";

/** Web Push (issue 16 §3): the VAPID identity, devices and preferences, and the sender loop. */
export function createPushFeature(deps: Deps) {
  const vapid = resolveVapidKeys(deps.config, deps.logger);
  const service = createPushService(deps, vapid);
  const sender = createPushSender(deps, vapid);
  return {
    service,
    sender,
    routes: (router: Router, authenticate: Authenticate) => pushRoutes(router, authenticate, service),
  };
}
export type PushFeature = ReturnType<typeof createPushFeature>;
