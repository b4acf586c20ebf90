import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, OK } from "../../http/mount.js";
import type { StaffingFeature } from "./staffing-feature.js";

/** /api/care-need-types, /api/children/:childId/care-needs, staffing and coverage alerts. */
export function staffingRoutes(router: Router, authenticate: Authenticate, f: StaffingFeature): void {
  const { needs, staffing, alerts } = f;
  mount(router, ROUTES.listCareNeedTypes, authenticate, () => needs.listTypes());
  mount(router, ROUTES.createCareNeedType, authenticate, ({ user, body }) => needs.createType(user, body));
  mount(router, ROUTES.getChildCareNeeds, authenticate, ({ user, params }) =>
    needs.get(user, params.childId),
  );
  mount(router, ROUTES.putChildCareNeeds, authenticate, ({ user, params, body }) =>
    needs.put(user, params.childId, body),
  );
  mount(router, ROUTES.getStationStaffing, authenticate, ({ user, params }) => staffing.get(user, params.id));
  mount(router, ROUTES.listQualifications, authenticate, ({ user, params }) =>
    staffing.qualifications(user, params.userId),
  );
  mount(router, ROUTES.addQualification, authenticate, ({ user, params, body }) =>
    staffing.addQualification(user, params.userId, body),
  );
  mount(router, ROUTES.updateQualification, authenticate, ({ user, params, body }) =>
    staffing.updateQualification(user, params.id, body.expiresOn),
  );
  mount(router, ROUTES.deleteQualification, authenticate, async ({ user, params }) => ({
    ...OK,
    ...(await staffing.deleteQualification(user, params.id)),
  }));
  mount(router, ROUTES.createShift, authenticate, ({ user, params, body }) =>
    staffing.createShift(user, params.id, body),
  );
  mount(router, ROUTES.updateShift, authenticate, ({ user, params, body }) =>
    staffing.updateShift(user, params.id, body),
  );
  mount(router, ROUTES.deleteShift, authenticate, async ({ user, params }) => ({
    ...OK,
    ...(await staffing.deleteShift(user, params.id)),
  }));
  mount(router, ROUTES.createShiftException, authenticate, ({ user, params, body }) =>
    staffing.createException(user, params.id, body),
  );
  mount(router, ROUTES.deleteShiftException, authenticate, async ({ user, params }) => ({
    ...OK,
    ...(await staffing.deleteException(user, params.id)),
  }));
  mount(router, ROUTES.putStationRatio, authenticate, ({ user, params, body }) =>
    staffing.putRatio(user, params.id, body),
  );
  mount(router, ROUTES.getCoverageAlert, authenticate, ({ user, params }) => alerts.get(user, params.id));
}
