import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { RouteName } from "@carecircle/shared";
import { addQualification, addShift, buildAdmin, setRatio, sqlOne } from "../../factories/index.js";
import type { RouteCase } from "./cases.js";
import type { World } from "./world.js";

const FAR = "2099-03-02";
const idOf = ({ f }: { f: unknown }) => ({ id: f as string });
const station = ({ w }: { w: World }) => ({ id: w.station.id });
const qualification = (w: World) => addQualification(w.srv, w.staffThis, "insulin", "2099-01-01");
const shift = async (w: World) => (await addShift(w.srv, w.station.id, w.staffThis, { date: FAR })).id;

/** An exception far ahead (staffThis off), made by the admin; answers its id. */
async function exception(w: World): Promise<string> {
  const admin = await buildAdmin(w.srv);
  const res = await w.srv.http
    .post(`/api/stations/${w.station.id}/shift-exceptions`)
    .set("Authorization", admin.auth)
    .send({ kind: "off", userId: w.staffThis.id, date: FAR });
  return res.body.id as string;
}

/**
 * A coverage alert naming booking B: a 1:1 respite ratio with nobody on shift uncovers S's
 * bookings, then the ratio is lifted again (no other route's outcome changes).
 */
async function coverageAlert(w: World): Promise<string> {
  await setRatio(w.srv, w.station.id, 1);
  await setRatio(w.srv, w.station.id, null);
  const row = await sqlOne<{ id: string }>(
    w.srv,
    sql`select id from coverage_alerts where station_id = ${w.station.id} order by created_at desc limit 1`,
  );
  return row.id;
}

/** Care needs and staffing (issue 19 §1): valid calls for the permission table. */
export const STAFFING_ROUTE_CASES = {
  listCareNeedTypes: { target: "none" },
  createCareNeedType: {
    target: "none",
    body: () => ({ code: `perm_${randomUUID().slice(0, 8)}`, labelZh: "需要", labelEn: "Need" }),
  },
  getChildCareNeeds: { target: "child", params: ({ w }) => ({ childId: w.child.id }) },
  // An empty list: the child stays bookable for every later route.
  putChildCareNeeds: {
    target: "child",
    params: ({ w }) => ({ childId: w.child.id }),
    body: () => ({ needs: [] }),
  },
  getStationStaffing: { target: "station", params: station },
  listQualifications: {
    target: "caller",
    params: ({ w, p }) => ({ userId: p.account?.id ?? w.staffThis.id }),
  },
  addQualification: {
    target: "none",
    params: ({ w }) => ({ userId: w.staffThis.id }),
    body: () => ({ needCode: "sign_language", expiresOn: "2099-01-01" }),
  },
  updateQualification: {
    target: "none",
    setup: qualification,
    params: idOf,
    body: () => ({ expiresOn: "2099-06-01" }),
  },
  deleteQualification: { target: "none", fresh: qualification, params: idOf },
  createShift: {
    target: "none",
    params: station,
    body: ({ w }) => ({
      userId: w.staffThis.id,
      weekday: 1,
      startTime: "07:00",
      endTime: "08:00",
      validFrom: FAR,
    }),
  },
  updateShift: { target: "none", setup: shift, params: idOf, body: () => ({ validUntil: "2099-12-31" }) },
  deleteShift: { target: "none", fresh: shift, params: idOf },
  createShiftException: {
    target: "none",
    params: station,
    body: ({ w }) => ({ kind: "off", userId: w.staffThis.id, date: FAR }),
  },
  deleteShiftException: { target: "none", fresh: exception, params: idOf },
  putStationRatio: {
    target: "none",
    params: station,
    body: () => ({ serviceType: "trusteeship", childrenPerStaff: 50 }),
  },
  getCoverageAlert: { target: "station", deny: 404, setup: coverageAlert, params: idOf },
} satisfies Partial<Record<RouteName, RouteCase>>;
