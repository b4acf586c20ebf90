import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import {
  type Account,
  alertsOf,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildStaff,
  connectSocket,
  nextEvent,
  notificationsOf,
  setDutyHours,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Stress that reaches a person (issue 13 §3) and on-duty hours (§2): a stress 5 or a rise of 2
 * raises an alert for the family's social worker, else for those on duty, else for everyone.
 */

const srv = useTestServer();

const post = (who: Account, path: string, body: object = {}) =>
  srv.http.post(path).set("Authorization", who.auth).send(body);

async function checkIn(who: Account, stress: number, note?: string) {
  const res = await post(who, "/api/checkins", { stress, ...(note ? { note } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

describe("stress alerts", () => {
  it("a stress 5 check-in alerts the family's assigned social worker live and in the list, with the note", async () => {
    const cg = await buildCaregiver(srv, { displayName: "外婆" });
    const sw = await buildStaff(srv, "social_worker", "责任社工");
    const elsewhere = await buildStaff(srv, "social_worker", "别的社工");
    await setDutyHours(srv, elsewhere);
    await assignSocialWorker(srv, cg.familyId!, sw.id);
    const socket = await connectSocket(srv, sw.token);
    const live = nextEvent(socket, "moderation:alert", (a) => a.kind === "stress");
    const checkin = await checkIn(cg, 5, "快撑不住了");
    const alert = await live;
    expect(alert).toMatchObject({
      kind: "stress",
      tier: "intent",
      source: "checkin",
      group: null,
      message: null,
      familyId: cg.familyId,
      checkin: { id: checkin.id, stress: 5, note: "快撑不住了" },
    });
    expect((await alertsOf(srv, sw)).map((a) => a.id)).toContain(alert.id);
    const [note] = await notificationsOf(srv, sw, "stress_alert");
    expect(note!.payload).toEqual({ alertId: alert.id, familyId: cg.familyId, tier: "intent" });
    // Routed to the assigned social worker only, not to those on duty.
    expect(await notificationsOf(srv, elsewhere, "stress_alert")).toHaveLength(0);
    expect((await post(elsewhere, `/api/moderation/alerts/${alert.id}/claim`)).status).toBe(403);
    // One open stress alert per family: another 5 adds none.
    await checkIn(cg, 5);
    expect((await alertsOf(srv, sw)).filter((a) => a.familyId === cg.familyId)).toHaveLength(1);
    const ack = await post(sw, `/api/moderation/alerts/${alert.id}/acknowledge`, {
      note: "已上门，安排了喘息服务",
    });
    expect(ack.status).toBe(200);
  });

  it("a rise of 2 within 7 days raises a distress alert; a smaller rise or an old low does not", async () => {
    const cg = await buildCaregiver(srv);
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, cg.familyId!, sw.id);
    await checkIn(cg, 1);
    await sqlRows(
      srv,
      sql`update stress_checkins set created_at = now() - interval '8 days' where family_id = ${cg.familyId}`,
    );
    await checkIn(cg, 2);
    await checkIn(cg, 3);
    expect(await alertsOf(srv, sw)).toHaveLength(0);
    await checkIn(cg, 4, "孩子这周一直哭闹");
    const [alert] = await alertsOf(srv, sw);
    expect(alert).toMatchObject({ kind: "stress", tier: "distress", checkin: { stress: 4 } });
  });

  it("without an assigned social worker it goes to those on duty, and to everyone when nobody is", async () => {
    const onDuty = await buildStaff(srv, "social_worker", "值班社工");
    const offDuty = await buildStaff(srv, "social_worker", "休息社工");
    await setDutyHours(srv, onDuty);
    await setDutyHours(srv, offDuty, []);
    const cg = await buildCaregiver(srv);
    await checkIn(cg, 5);
    expect((await alertsOf(srv, onDuty)).some((a) => a.familyId === cg.familyId)).toBe(true);
    expect((await alertsOf(srv, offDuty)).some((a) => a.familyId === cg.familyId)).toBe(false);

    await sqlRows(srv, sql`delete from duty_shifts`);
    const cg2 = await buildCaregiver(srv);
    await checkIn(cg2, 5);
    for (const sw of [onDuty, offDuty])
      expect((await alertsOf(srv, sw)).some((a) => a.familyId === cg2.familyId)).toBe(true);
  });
});

describe("duty hours", () => {
  it("a social worker reads and replaces their weekly hours; an admin may set anyone's", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const empty = await srv.http.get("/api/me/duty-hours").set("Authorization", sw.auth);
    expect(empty.body).toEqual({ timeZone: "Asia/Shanghai", shifts: [] });
    const shifts = [
      { weekday: 3, start: "13:00", end: "17:30" },
      { weekday: 1, start: "09:00", end: "12:00" },
    ];
    const put = await srv.http.put("/api/me/duty-hours").set("Authorization", sw.auth).send({ shifts });
    expect(put.status).toBe(200);
    expect(put.body.shifts).toEqual([shifts[1], shifts[0]]);
    for (const bad of [
      [{ weekday: 1, start: "09:00", end: "08:00" }],
      [{ weekday: 8, start: "09:00", end: "10:00" }],
      [{ weekday: 1, start: "9:00", end: "10:00" }],
      [
        { weekday: 2, start: "09:00", end: "12:00" },
        { weekday: 2, start: "11:00", end: "13:00" },
      ],
    ]) {
      const res = await srv.http
        .put("/api/me/duty-hours")
        .set("Authorization", sw.auth)
        .send({ shifts: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await srv.http.get("/api/me/duty-hours").set("Authorization", sw.auth)).body.shifts).toHaveLength(
      2,
    );
    const admin = await buildAdmin(srv);
    const set = await srv.http
      .put(`/api/admin/users/${sw.id}/duty-hours`)
      .set("Authorization", admin.auth)
      .send({ shifts: [{ weekday: 7, start: "00:00", end: "24:00" }] });
    expect(set.status).toBe(200);
    expect(set.body.shifts).toEqual([{ weekday: 7, start: "00:00", end: "24:00" }]);
    const cg = await buildCaregiver(srv);
    const notSw = await srv.http.get(`/api/admin/users/${cg.id}/duty-hours`).set("Authorization", admin.auth);
    expect(notSw.status).toBe(404);
  });
});
