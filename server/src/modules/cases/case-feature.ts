import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import { createCasePurge } from "./case-retention.js";
import { createCaseStages } from "./case-stages.js";
import { createCaseTimeline } from "./case-timeline.js";
import { createCaseWorkService } from "./case-work.service.js";
import { casesRoutes } from "./cases.routes.js";
import { createCasesService } from "./cases.service.js";

/**
 * Case work (issue 18 §1 and §6): cases and their workers, stage moves with sign-off, goals and
 * service records, the timeline and the family's plain view, and the retention purge, wired in
 * one place. Alerts open cases through `caseOnAlert` (case-triggers.ts), inside their own
 * transaction; erasure calls `eraseFromCases` (case-retention.ts).
 */
export function createCaseFeature(deps: Deps) {
  const feature = {
    cases: createCasesService(deps),
    stages: createCaseStages(deps),
    work: createCaseWorkService(deps),
    timeline: createCaseTimeline(deps),
    purge: createCasePurge(deps),
    routes(router: Router, authenticate: Authenticate): void {
      casesRoutes(router, authenticate, feature);
    },
  };
  return feature;
}
export type CaseFeature = ReturnType<typeof createCaseFeature>;
