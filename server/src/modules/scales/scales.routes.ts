import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { ScalesFeature } from "./scales-feature.js";

/** /api/scales, /api/scale-administrations, /api/families/:id/scale-* */
export function scalesRoutes(router: Router, authenticate: Authenticate, s: ScalesFeature): void {
  const { definitions, administrations, results } = s;
  mount(router, ROUTES.listScales, authenticate, ({ user }) => definitions.list(user));
  mount(router, ROUTES.createScale, authenticate, ({ user, body }) =>
    definitions.create(user, body.definition),
  );
  mount(router, ROUTES.addScaleVersion, authenticate, ({ user, params, body }) =>
    definitions.addVersion(user, params.slug, body.definition),
  );
  mount(router, ROUTES.setScaleActive, authenticate, ({ user, params, body }) =>
    definitions.setActive(user, params.slug, body.active),
  );
  mount(router, ROUTES.startAdministration, authenticate, ({ user, params, body }) =>
    administrations.start(user, params.id, body),
  );
  mount(router, ROUTES.listAdministrations, authenticate, ({ user, params }) =>
    administrations.list(user, params.id),
  );
  mount(router, ROUTES.getAdministration, authenticate, ({ user, params }) =>
    administrations.get(user, params.id),
  );
  mount(router, ROUTES.answerItem, authenticate, ({ user, params, body }) =>
    administrations.answer(user, params.id, params.itemId, body.answer),
  );
  mount(router, ROUTES.completeAdministration, authenticate, ({ user, params }) =>
    administrations.complete(user, params.id),
  );
  mount(router, ROUTES.abandonAdministration, authenticate, ({ user, params }) =>
    administrations.abandon(user, params.id),
  );
  mount(router, ROUTES.familyScaleResults, authenticate, ({ user, params }) =>
    results.results(user, params.id),
  );
}
