import { sql } from "@carecircle/server";
import { ActivityListSchema, ActivityResultSchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  cancelActivity,
  createActivity,
  leaveActivity,
  signUpActivity,
} from "../factories/group-activities.js";
import {
  type Account,
  buildCaregiver,
  buildStaff,
  buildStation,
  notificationsOf,
  sqlOne,
} from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Organisers cancel a group activity (decision 148): with a reason, organisers only; everyone
 * confirmed or waitlisted is told after commit; a cancelled or started activity takes no sign-up;
 * the list hides cancelled ones except from their organisers, who see them marked.
 */

const srv = useTestServer();

const listed = async (who: Account) =>
  ActivityListSchema.parse((await srv.http.get("/api/activities").set("Authorization", who.auth)).body)
    .activities;

describe("cancelling a group activity", () => {
  it("tells everyone confirmed or waitlisted (not who left), once, with the reason", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await createActivity(srv, sw, { capacity: 1 });
    const [seated, waiting, gone] = await Promise.all([0, 1, 2].map(() => buildCaregiver(srv)));
    for (const p of [seated, waiting, gone]) expect((await signUpActivity(srv, p!, a.id)).status).toBe(201);
    expect((await leaveActivity(srv, gone!, a.id)).status).toBe(200);

    const other = await buildStaff(srv, "social_worker");
    expect((await cancelActivity(srv, other, a.id)).status).toBe(403);
    expect((await cancelActivity(srv, seated!, a.id)).status).toBe(403);
    const res = await cancelActivity(srv, sw, a.id, "老师生病，下周补上");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const shown = ActivityResultSchema.parse(res.body).activity;
    expect(shown).toMatchObject({ status: "cancelled", cancelReason: "老师生病，下周补上" });
    // The record of who was coming stays.
    expect(shown.participants.map((p) => [p.userId, p.status])).toEqual([
      [seated!.id, "confirmed"],
      [waiting!.id, "waitlisted"],
    ]);
    for (const p of [seated!, waiting!])
      await until(async () => (await notificationsOf(srv, p, "activity_cancelled")).length === 1, {
        what: "the participant told",
      });
    const [note] = await notificationsOf(srv, waiting!, "activity_cancelled");
    expect(note!.payload).toEqual({
      activityId: a.id,
      activityKind: "parent_training",
      startsAt: expect.stringMatching(/\+08:00$/),
      reason: "老师生病，下周补上",
    });
    expect(await notificationsOf(srv, gone!, "activity_cancelled")).toEqual([]);

    const again = await cancelActivity(srv, sw, a.id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "cancelled" } });
    const late = await signUpActivity(srv, await buildCaregiver(srv), a.id);
    expect(late.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "cancelled" } });
    expect((await leaveActivity(srv, seated!, a.id)).body.error.details.reason).toBe("cancelled");
  });

  it("the list hides it from others; its organisers (creator, station staff, admins) see it marked", async () => {
    const staff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv, {}, { staff: [staff] });
    const sw = await buildStaff(srv, "social_worker");
    const a = await createActivity(srv, sw, { stationId: station.id, audience: "all" });
    const kept = await createActivity(srv, sw, { stationId: station.id, audience: "all" });
    const cg = await buildCaregiver(srv);
    expect((await cancelActivity(srv, staff, a.id)).status).toBe(200);
    const ids = (list: { id: string }[]) => list.map((x) => x.id);
    expect(ids(await listed(cg))).toContain(kept.id);
    expect(ids(await listed(cg))).not.toContain(a.id);
    expect(ids(await listed(await buildStaff(srv, "social_worker")))).not.toContain(a.id);
    for (const organiser of [sw, staff]) {
      const mine = (await listed(organiser)).find((x) => x.id === a.id);
      expect(mine).toMatchObject({ status: "cancelled", canManage: true });
    }
    // A direct link (the notification) still opens it, marked, for a participant.
    const one = await srv.http.get(`/api/activities/${a.id}`).set("Authorization", cg.auth);
    expect(ActivityResultSchema.parse(one.body).activity.status).toBe("cancelled");
  });

  it("refuses a missing or too long reason, a started activity, and a sign-up once started; nothing changes", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await createActivity(srv, sw);
    const before = await databaseFingerprint(srv.cc.deps.db);
    for (const body of [{}, { reason: "" }, { reason: "   " }, { reason: "长".repeat(201) }, { reason: 5 }]) {
      const res = await srv.http
        .post(`/api/activities/${a.id}/cancel`)
        .set("Authorization", sw.auth)
        .send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.fields).toHaveProperty("reason");
    }
    expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);
    expect((await cancelActivity(srv, sw, a.id, "长".repeat(200))).status).toBe(200);

    const b = await createActivity(srv, sw);
    await sqlOne(
      srv,
      sql`update group_activities set starts_at = now() - interval '1 minute' where id = ${b.id}::uuid returning id`,
    );
    const started = await cancelActivity(srv, sw, b.id);
    expect(started.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "too_late" } });
    const signUp = await signUpActivity(srv, await buildCaregiver(srv), b.id);
    expect(signUp.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "too_late" } });
    expect(
      await sqlOne<{ cancelled: boolean }>(
        srv,
        sql`select cancelled_at is not null as cancelled from group_activities where id = ${b.id}::uuid`,
      ),
    ).toEqual({ cancelled: false });
  });
});
