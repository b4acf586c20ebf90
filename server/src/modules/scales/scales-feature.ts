import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import type { FamiliesService } from "../families/families.service.js";
import { createAdministrationsService } from "./administrations.service.js";
import { createScaleDefinitionsService } from "./scale-definitions.service.js";
import { createScaleResultsService } from "./scale-results.service.js";
import { scalesRoutes } from "./scales.routes.js";

/** Standard scales (issue 18 §2): definitions, administrations and results, and their routes. */
export function createScalesFeature(deps: Deps, families: FamiliesService) {
  const feature = {
    definitions: createScaleDefinitionsService(deps),
    administrations: createAdministrationsService(deps, families),
    results: createScaleResultsService(deps, families),
    routes: (router: Router, authenticate: Authenticate) => scalesRoutes(router, authenticate, feature),
  };
  return feature;
}
export type ScalesFeature = ReturnType<typeof createScalesFeature>;
