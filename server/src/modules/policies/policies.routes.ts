import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, OK } from "../../http/mount.js";
import type { PoliciesService } from "./policies.service.js";

/** /api/policies and a family's household status. */
export function policiesRoutes(router: Router, authenticate: Authenticate, policies: PoliciesService): void {
  mount(router, ROUTES.listPolicyCards, authenticate, ({ user, query }) => policies.list(user, query));
  mount(router, ROUTES.getPolicyCard, authenticate, ({ user, params }) => policies.get(user, params.id));
  mount(router, ROUTES.createPolicyCard, authenticate, ({ user, body }) => policies.create(user, body));
  mount(router, ROUTES.updatePolicyCard, authenticate, ({ user, params, body }) =>
    policies.update(user, params.id, body),
  );
  mount(router, ROUTES.setPolicyCardStatus, authenticate, ({ user, params, body }) =>
    policies.setStatus(user, params.id, body.status),
  );
  mount(router, ROUTES.askAboutPolicyCard, authenticate, ({ user, params, body }) =>
    policies.ask(user, params.id, body),
  );
  mount(router, ROUTES.setHouseholdStatus, authenticate, async ({ user, params, body }) => {
    await policies.setHousehold(user, params.id, body);
    return OK;
  });
}
