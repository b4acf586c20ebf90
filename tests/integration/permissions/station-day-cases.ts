import type { RouteName } from "@carecircle/shared";
import { expect } from "vitest";
import { buildChild, fileIncidentOk, sessionInProgress } from "../../factories/index.js";
import type { RouteCase } from "./cases.js";
import type { World } from "./world.js";

type Target = { id: string };
const incidents = new WeakMap<World, Promise<Target>>();

/** One incident about F's child at S (filed once per world, shared by the incident routes). */
function incident(w: World): Promise<Target> {
  let p = incidents.get(w);
  if (!p) {
    p = (async () => {
      // A second child of F, so no other route's booking of F's child overlaps this session.
      const child = await buildChild(w.srv, w.cgOwn, { nickname: "小安" });
      const booking = await sessionInProgress(w.srv, {
        station: w.station,
        staff: w.staffThis,
        caregiver: w.cgOwn,
        childId: child.id,
      });
      return { id: (await fileIncidentOk(w.srv, w.staffThis, booking.id)).id };
    })();
    incidents.set(w, p);
  }
  return p;
}

/** F's child's care plan at S, written by S's staff. */
async function carePlan(w: World): Promise<Target> {
  const res = await w.srv.http
    .put(`/api/children/${w.child.id}/care-plans/${w.station.id}`)
    .set("Authorization", w.staffThis.auth)
    .send(carePlanBody);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: res.body.carePlan.id as string };
}

const carePlanBody = {
  calming: "抱着蓝色毯子",
  routines: "午饭后睡一小时",
  emergency: "癫痫发作：侧卧，计时，打120",
};
const idOf = ({ f }: { f: unknown }) => ({ id: (f as Target).id });

/** Attendance undo, incident reports and care plans (issue 19 §3): valid calls for the permission table. */
export const STATION_DAY_CASES = {
  checkInBooking: {
    target: "booking",
    params: ({ w }) => ({ id: w.bookingId }),
    body: () => ({ broughtBy: { name: "外婆", relation: "外婆" } }),
  },
  checkOutBooking: {
    target: "booking",
    params: ({ w }) => ({ id: w.bookingId }),
    body: () => ({ collectedBy: { name: "外婆", relation: "外婆" } }),
  },
  // B is only confirmed: an allowed undo answers 409, which is not a refusal of access.
  undoAttendance: {
    target: "booking",
    params: ({ w }) => ({ id: w.bookingId }),
    body: () => ({ mark: "check_in" }),
  },
  // B is in the future: an allowed filing answers 409 (not in session).
  fileIncident: {
    target: "booking",
    params: ({ w }) => ({ id: w.bookingId }),
    body: () => ({
      occurredAt: new Date().toISOString(),
      whatHappened: "摔了一跤",
      firstAid: "",
      bodyLocations: ["face"],
      witnesses: "",
    }),
  },
  listIncidents: { target: "caller" },
  incidentCounts: { target: "caller" },
  getIncident: { target: "booking", setup: incident, params: idOf },
  addIncidentAddendum: {
    target: "booking",
    setup: incident,
    params: idOf,
    body: () => ({ body: "补充：已联系家长" }),
  },
  acknowledgeIncident: { target: "family", setup: incident, params: idOf },
  listCarePlans: { target: "child", params: ({ w }) => ({ id: w.child.id }) },
  saveCarePlan: {
    target: "child",
    params: ({ w }) => ({ id: w.child.id, stationId: w.station.id }),
    body: () => carePlanBody,
  },
  confirmCarePlan: { target: "family", setup: carePlan, params: idOf },
} satisfies Partial<Record<RouteName, RouteCase>>;
