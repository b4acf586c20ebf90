import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, OK } from "../../http/mount.js";
import type { SupportMapService } from "./support-map.service.js";

/** /api/families/:id/support-map, /support-ties, /support-map/snapshots */
export function supportMapRoutes(router: Router, authenticate: Authenticate, s: SupportMapService): void {
  mount(router, ROUTES.getSupportMap, authenticate, ({ user, params }) => s.map(user, params.id));
  mount(router, ROUTES.addSupportTie, authenticate, ({ user, params, body }) =>
    s.addTie(user, params.id, body),
  );
  mount(router, ROUTES.updateSupportTie, authenticate, ({ user, params, body }) =>
    s.updateTie(user, params.id, params.tieId, body),
  );
  mount(router, ROUTES.deleteSupportTie, authenticate, async ({ user, params }) => {
    await s.deleteTie(user, params.id, params.tieId);
    return OK;
  });
  mount(router, ROUTES.listSupportMapSnapshots, authenticate, ({ user, params }) =>
    s.snapshots(user, params.id),
  );
  mount(router, ROUTES.saveSupportMapSnapshot, authenticate, ({ user, params }) =>
    s.saveSnapshot(user, params.id),
  );
}
