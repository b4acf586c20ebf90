import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { CaseFeature } from "./case-feature.js";

/** /api/cases/..., /api/families/:id/open-case, /api/family/case */
export function casesRoutes(router: Router, authenticate: Authenticate, f: CaseFeature): void {
  const { cases, stages, work, timeline } = f;
  mount(router, ROUTES.listCases, authenticate, ({ user, query }) => cases.list(user, query));
  mount(router, ROUTES.openCase, authenticate, ({ user, body }) => cases.open(user, body));
  mount(router, ROUTES.getFamilyOpenCase, authenticate, ({ user, params }) =>
    cases.openOfFamily(user, params.id),
  );
  mount(router, ROUTES.getCase, authenticate, ({ user, params }) => cases.get(user, params.id));
  mount(router, ROUTES.updateCase, authenticate, ({ user, params, body }) =>
    cases.update(user, params.id, body),
  );
  mount(router, ROUTES.moveCaseStage, authenticate, ({ user, params, body }) =>
    stages.move(user, params.id, body),
  );
  mount(router, ROUTES.decideStageChange, authenticate, ({ user, params, body }) =>
    stages.decide(user, params.id, params.changeId, body),
  );
  mount(router, ROUTES.addCaseWorker, authenticate, ({ user, params, body }) =>
    cases.addWorker(user, params.id, body),
  );
  mount(router, ROUTES.removeCaseWorker, authenticate, ({ user, params }) =>
    cases.removeWorker(user, params.id, params.userId),
  );
  mount(router, ROUTES.addCaseGoal, authenticate, ({ user, params, body }) =>
    work.addGoal(user, params.id, body),
  );
  mount(router, ROUTES.updateCaseGoal, authenticate, ({ user, params, body }) =>
    work.updateGoal(user, params.id, params.goalId, body),
  );
  mount(router, ROUTES.listCaseRecords, authenticate, ({ user, params, query }) =>
    work.listRecords(user, params.id, query),
  );
  mount(router, ROUTES.addCaseRecord, authenticate, ({ user, params, body }) =>
    work.addRecord(user, params.id, body),
  );
  mount(router, ROUTES.updateCaseRecord, authenticate, ({ user, params, body }) =>
    work.updateRecord(user, params.id, params.recordId, body),
  );
  mount(router, ROUTES.setRecordFollowUp, authenticate, ({ user, params, body }) =>
    work.setFollowUp(user, params.id, params.recordId, body.status),
  );
  mount(router, ROUTES.deleteCaseRecord, authenticate, ({ user, params, body }) =>
    work.deleteRecord(user, params.id, params.recordId, body.reason),
  );
  mount(router, ROUTES.caseTimeline, authenticate, ({ user, params }) => timeline.timeline(user, params.id));
  mount(router, ROUTES.getFamilyCase, authenticate, ({ user }) => timeline.familyCase(user));
}
