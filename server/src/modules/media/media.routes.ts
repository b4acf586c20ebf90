import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, RESPONDED } from "../../http/mount.js";
import type { MediaService } from "./media.service.js";

/** /api/media (upload), /api/media/:id/:variant (signed files), /api/messages/:id/played */
export function mediaRoutes(router: Router, authenticate: Authenticate, svc: MediaService): void {
  mount(router, ROUTES.uploadMedia, authenticate, ({ user, query, bytes }) => svc.upload(user, query, bytes));
  mount(router, ROUTES.mediaFile, authenticate, async ({ params, query, req, res }) => {
    await svc.sendFile({ ...params, ...query }, req, res);
    return RESPONDED;
  });
  mount(router, ROUTES.markPlayed, authenticate, ({ user, params }) => svc.markPlayed(user, params.id));
}
