import { sql } from "@carecircle/server";
import type { RouteName } from "@carecircle/shared";
import { expect } from "vitest";
import { type Account, hoursFromNow, sqlRows } from "../../factories/index.js";
import type { RouteCase } from "./cases.js";
import type { World } from "./world.js";

/** A valid activity body at S, starting `inHours` from now. */
export const activityBody = (w: World, inHours = 72, audience = "all") => ({
  kind: "caregiver_respite",
  topic: "照顾者喘息小组",
  facilitator: "王老师",
  stationId: w.station.id,
  audience,
  capacity: 20,
  startsAt: hoursFromNow(inHours),
  endsAt: hoursFromNow(inHours + 2),
});

/** An activity at S organised by swAssigned; answers its id. */
async function activity(w: World, inHours = 72): Promise<string> {
  const res = await w.srv.http
    .post("/api/activities")
    .set("Authorization", w.swAssigned.auth)
    .send(activityBody(w, inHours));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.activity.id as string;
}

async function signUp(w: World, who: Account, id: string): Promise<void> {
  const res = await w.srv.http.post(`/api/activities/${id}/signup`).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const idOf = ({ f }: { f: unknown }) => ({ id: f as string });

/** Group activities (issue 19 §4): valid calls for the permission table. */
export const ACTIVITY_ROUTE_CASES = {
  listActivities: { target: "caller" },
  createActivity: { target: "station", body: ({ w }) => activityBody(w) },
  getActivity: { target: "none", setup: activity, params: idOf },
  signUpActivity: { target: "caller", fresh: activity, params: idOf },
  // Every role that may sign up has signed up, so leaving is about access only.
  leaveActivity: {
    target: "caller",
    fresh: async (w) => {
      const id = await activity(w);
      for (const who of [w.cgOwn, w.cgOther, w.swAssigned, w.swUnassigned, w.staffThis, w.staffOther])
        await signUp(w, who, id);
      return id;
    },
    params: idOf,
  },
  // Attendance is recorded once the session has started: its start is moved into the past.
  recordActivityAttendance: {
    target: "station",
    setup: async (w) => {
      const id = await activity(w);
      await signUp(w, w.cgOwn, id);
      await sqlRows(
        w.srv,
        sql`update group_activities set starts_at = now() - interval '10 minutes' where id = ${id}::uuid`,
      );
      return id;
    },
    params: idOf,
    body: ({ w }) => ({ userId: w.cgOwn.id, attended: true }),
  },
  cancelActivity: {
    target: "station",
    fresh: activity,
    params: idOf,
    body: () => ({ reason: "场地维修，改期另行通知" }),
  },
} satisfies Partial<Record<RouteName, RouteCase>>;
