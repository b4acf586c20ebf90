import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { CarePlansService } from "./care-plans.service.js";
import type { IncidentsService } from "./incidents.service.js";

/** Incident reports and care plans (issue 19 §3). */
export function stationDayRoutes(
  router: Router,
  authenticate: Authenticate,
  svc: { incidents: IncidentsService; carePlans: CarePlansService },
): void {
  const { incidents, carePlans } = svc;
  mount(router, ROUTES.fileIncident, authenticate, ({ user, params, body }) =>
    incidents.file(user, params.id, body),
  );
  mount(router, ROUTES.incidentCounts, authenticate, ({ user }) => incidents.counts(user));
  mount(router, ROUTES.listIncidents, authenticate, ({ user, query }) => incidents.list(user, query));
  mount(router, ROUTES.getIncident, authenticate, ({ user, params }) => incidents.get(user, params.id));
  mount(router, ROUTES.addIncidentAddendum, authenticate, ({ user, params, body }) =>
    incidents.addAddendum(user, params.id, body.body),
  );
  mount(router, ROUTES.acknowledgeIncident, authenticate, ({ user, params }) =>
    incidents.acknowledge(user, params.id),
  );
  mount(router, ROUTES.listCarePlans, authenticate, ({ user, params }) => carePlans.list(user, params.id));
  mount(router, ROUTES.saveCarePlan, authenticate, ({ user, params, body }) =>
    carePlans.save(user, params.id, params.stationId, body),
  );
  mount(router, ROUTES.confirmCarePlan, authenticate, ({ user, params }) =>
    carePlans.confirm(user, params.id),
  );
}
