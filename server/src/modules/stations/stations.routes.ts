import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { RosterService } from "../roster/roster.service.js";
import type { SlotRulesService } from "../slots/slot-rules.service.js";
import type { StationsService } from "./stations.service.js";

/** /api/stations, their staff, blackout dates and roster */
export function stationsRoutes(
  router: Router,
  authenticate: Authenticate,
  svc: { stations: StationsService; rules: SlotRulesService; roster: RosterService },
): void {
  const { stations, rules, roster } = svc;
  mount(router, ROUTES.createStation, authenticate, ({ body }) => stations.create(body));
  mount(router, ROUTES.listStations, authenticate, ({ query }) => stations.list(query));
  mount(router, ROUTES.getStation, authenticate, ({ params }) => stations.get(params.id));
  mount(router, ROUTES.updateStation, authenticate, ({ params, body }) => stations.update(params.id, body));
  mount(router, ROUTES.addStationStaff, authenticate, ({ params, body }) =>
    stations.addStaff(params.id, body.userId),
  );
  mount(router, ROUTES.removeStationStaff, authenticate, ({ params }) =>
    stations.removeStaff(params.id, params.userId),
  );
  mount(router, ROUTES.listBlackouts, authenticate, ({ params }) => rules.listBlackouts(params.id));
  mount(router, ROUTES.addBlackout, authenticate, ({ user, params, body }) =>
    rules.addBlackout(user, params.id, body),
  );
  mount(router, ROUTES.removeBlackout, authenticate, ({ user, params }) =>
    rules.removeBlackout(user, params.id, params.date),
  );
  mount(router, ROUTES.getRoster, authenticate, ({ user, params, query }) =>
    roster.get(user, params.id, query.date),
  );
}
