import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { SlotRulesService } from "./slot-rules.service.js";
import type { SlotsService } from "./slots.service.js";

/** /api/slots, /api/slot-rules */
export function slotsRoutes(
  router: Router,
  authenticate: Authenticate,
  svc: { slots: SlotsService; rules: SlotRulesService },
): void {
  const { slots, rules } = svc;
  mount(router, ROUTES.createSlot, authenticate, ({ user, body }) => slots.create(user, body));
  mount(router, ROUTES.searchSlots, authenticate, ({ user, query }) => slots.search(user, query));
  mount(router, ROUTES.respiteOffer, authenticate, ({ user }) => slots.respiteOffer(user));
  mount(router, ROUTES.getSlot, authenticate, ({ user, params, query }) =>
    slots.get(user, params.id, query.childId),
  );
  mount(router, ROUTES.updateSlot, authenticate, ({ user, params, body }) =>
    slots.setCapacity(user, params.id, body.capacity),
  );
  mount(router, ROUTES.cancelSlot, authenticate, ({ user, params, body }) =>
    slots.cancel(user, params.id, body.reason),
  );
  mount(router, ROUTES.createSlotRule, authenticate, ({ user, body }) => rules.create(user, body));
  mount(router, ROUTES.listSlotRules, authenticate, ({ query }) => rules.list(query.stationId));
  mount(router, ROUTES.updateSlotRule, authenticate, ({ user, params, body }) =>
    rules.update(user, params.id, body),
  );
  mount(router, ROUTES.deleteSlotRule, authenticate, ({ user, params }) => rules.archive(user, params.id));
}
