import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import type { FamiliesService } from "../families/families.service.js";
import { createCareNeedsService } from "./care-needs.service.js";
import { createCoverageAlertsService } from "./coverage-alerts.service.js";
import { createQualificationExpiry } from "./qualification-expiry.js";
import { staffingRoutes } from "./staffing.routes.js";
import { createQualificationsService, createRosterService, createShiftsService } from "./staffing.service.js";

/** Care needs, qualified staff on shift and coverage alerts (issue 19 §1), the expiry job, and their routes. */
export function createStaffingFeature(deps: Deps, families: FamiliesService) {
  const feature = {
    needs: createCareNeedsService(deps, families),
    staffing: {
      ...createQualificationsService(deps),
      ...createShiftsService(deps),
      ...createRosterService(deps),
    },
    alerts: createCoverageAlertsService(deps, families),
    expiry: createQualificationExpiry(deps),
    routes: (router: Router, authenticate: Authenticate) => staffingRoutes(router, authenticate, feature),
  };
  return feature;
}
export type StaffingFeature = ReturnType<typeof createStaffingFeature>;
