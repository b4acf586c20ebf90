import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import { createCarePlanReview } from "./care-plan-review.js";
import { createCarePlansService } from "./care-plans.service.js";
import { createIncidentsService } from "./incidents.service.js";
import { stationDayRoutes } from "./station-day.routes.js";

/** At the station (issue 19 §3): incident reports, care plans and the care plan review job. */
export function createStationDayFeature(deps: Deps) {
  const incidents = createIncidentsService(deps);
  const carePlans = createCarePlansService(deps);
  return {
    incidents,
    carePlans,
    review: createCarePlanReview(deps),
    routes: (router: Router, authenticate: Authenticate) =>
      stationDayRoutes(router, authenticate, { incidents, carePlans }),
  };
}
export type StationDayFeature = ReturnType<typeof createStationDayFeature>;
