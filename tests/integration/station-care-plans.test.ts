import { sql } from "@carecircle/server";
import type { CarePlan } from "@carecircle/shared";
import { expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildChild,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
  notificationsOf,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { useNodes } from "../setup/nodes.js";
import { startServer, type TestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Care plans (issue 19 §3, decision 144): one per child and station, written by the family or the
 * staff of a station that serves it, confirmed by a caregiver; a change clears the confirmation; the
 * review is due six months after it, and staff and family are reminded once by whichever node's
 * poll takes the plan (FOR UPDATE SKIP LOCKED), also when the time passed while no node ran.
 */

const FAST = { reminderPollMs: 50 };
const nodes = useNodes();
const PLAN = {
  calming: "抱着蓝色毯子，小声唱歌",
  routines: "午饭后睡一小时",
  emergency: "癫痫发作：侧卧，计时，超过5分钟打120",
};

const save = (srv: TestServer, who: Account, childId: string, stationId: string, body: object = PLAN) =>
  srv.http.put(`/api/children/${childId}/care-plans/${stationId}`).set("Authorization", who.auth).send(body);
const confirm = (srv: TestServer, who: Account, id: string) =>
  srv.http.post(`/api/care-plans/${id}/confirm`).set("Authorization", who.auth);
const reminded = (srv: TestServer, ids: string[]) =>
  sqlCount(
    srv,
    sql`select count(*) from care_plans where review_notified_at is not null
        and id = any(${`{${ids.join(",")}}`}::uuid[])`,
  );

/** A station with one staff member, and a family that has booked there. */
async function stationAndFamily(srv: TestServer) {
  const staff = await buildStaff(srv, "station_staff", "吴老师");
  const station = await buildStation(srv, { name: "彩虹站" }, { staff: [staff] });
  const fam = await buildFamily(srv);
  const { slot } = await buildSlot(srv, { station, startsAt: hoursFromNow(30) });
  await bookOk(srv, fam.caregiver, slot.id, fam.child.id);
  return { staff, station, fam };
}

it("is written with the family, confirmed by a caregiver, and a change needs a new confirmation", async () => {
  const srv = await nodes.node({});
  const { staff, station, fam } = await stationAndFamily(srv);
  const stranger = await buildStaff(srv, "station_staff", "陌生老师");
  await buildStation(srv, { name: "别处" }, { staff: [stranger] });
  const sw = await buildStaff(srv, "social_worker");
  await assignSocialWorker(srv, fam.caregiver.familyId!, sw.id);

  expect((await save(srv, stranger, fam.child.id, station.id)).status).toBe(404);
  expect((await save(srv, staff, fam.child.id, station.id, { ...PLAN, calming: "" })).status).toBe(400);
  const written = await save(srv, staff, fam.child.id, station.id);
  expect(written.status, JSON.stringify(written.body)).toBe(200);
  const plan = written.body.carePlan as CarePlan;
  expect(plan).toMatchObject({
    ...PLAN,
    version: 1,
    confirmedAt: null,
    reviewDueAt: null,
    updatedBy: { id: staff.id },
  });

  expect((await confirm(srv, staff, plan.id)).status).toBe(403);
  const other = await buildFamily(srv);
  expect((await confirm(srv, other.caregiver, plan.id)).status).toBe(404);
  const ok = await confirm(srv, fam.caregiver, plan.id);
  expect(ok.status).toBe(200);
  const confirmed = ok.body.carePlan as CarePlan;
  expect(confirmed.confirmedBy).toMatchObject({ id: fam.caregiver.id });
  const months =
    (Date.parse(confirmed.reviewDueAt!) - Date.parse(confirmed.confirmedAt!)) / (30.44 * 86_400_000);
  expect(months).toBeGreaterThan(5.9);
  expect(months).toBeLessThan(6.1);

  // The family edits it: a new version, to be confirmed again.
  const edited = await save(srv, fam.caregiver, fam.child.id, station.id, {
    ...PLAN,
    routines: "下午三点吃水果",
  });
  expect(edited.body.carePlan).toMatchObject({ version: 2, confirmedAt: null, routines: "下午三点吃水果" });

  const seenByStaff = await srv.http
    .get(`/api/children/${fam.child.id}/care-plans`)
    .set("Authorization", staff.auth);
  expect((seenByStaff.body.carePlans as CarePlan[]).map((p) => p.id)).toEqual([plan.id]);
  expect(
    (await srv.http.get(`/api/children/${fam.child.id}/care-plans`).set("Authorization", stranger.auth))
      .status,
  ).toBe(404);
  const bySw = await srv.http.get(`/api/children/${fam.child.id}/care-plans`).set("Authorization", sw.auth);
  expect(bySw.body.carePlans).toHaveLength(1);
  expect(
    await sqlCount(
      srv,
      sql`select count(*) from audit_log where action = 'care_plans_viewed' and actor_id = ${sw.id}`,
    ),
  ).toBe(1);
}, 90_000);

it("two nodes remind staff and family of each due review exactly once; a new confirmation re-arms it", async () => {
  const db = await nodes.sharedDb();
  const a = await nodes.node(FAST, db);
  const b = await nodes.node(FAST, await nodes.anotherHandle(db));
  const { staff, station, fam } = await stationAndFamily(a);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const child = await buildChild(a, fam.caregiver, { nickname: `孩子${i}` });
    const plan = (await save(i % 2 ? a : b, fam.caregiver, child.id, station.id)).body.carePlan;
    await confirm(a, fam.caregiver, plan.id);
    ids.push(plan.id);
  }
  await sqlRows(
    a,
    sql`update care_plans set review_due_at = now() - interval '1 minute' where id = any(${`{${ids.join(",")}}`}::uuid[])`,
  );
  await until(async () => (await reminded(a, ids)) === ids.length, { what: "every due plan reminded" });
  await Promise.all([a.cc.services.stationDay.review.stop(), b.cc.services.stationDay.review.stop()]);
  for (const who of [staff, fam.caregiver]) {
    const notes = await notificationsOf(a, who, "care_plan_review_due");
    expect(notes.map((n) => n.payload.carePlanId).sort()).toEqual([...ids].sort());
  }

  await confirm(a, fam.caregiver, ids[0]!); // already confirmed: nothing changes
  expect(await reminded(a, [ids[0]!])).toBe(1);
  const changed = await save(a, staff, await childOf(a, ids[0]!), station.id, {
    ...PLAN,
    calming: "新的方法",
  });
  await confirm(a, fam.caregiver, changed.body.carePlan.id);
  expect(await reminded(a, [ids[0]!])).toBe(0);
}, 90_000);

it("a review that fell due while no node ran is reminded once after a restart", async () => {
  const db = await nodes.sharedDb();
  const first = await startServer(FAST, { dbHandle: db });
  const { staff, station, fam } = await stationAndFamily(first);
  const plan = (await save(first, staff, fam.child.id, station.id)).body.carePlan as CarePlan;
  await confirm(first, fam.caregiver, plan.id);
  await first.close();
  await db.db.execute(
    sql`update care_plans set review_due_at = now() - interval '1 day' where id = ${plan.id}`,
  );

  const second = await nodes.node(FAST, await nodes.anotherHandle(db));
  await until(async () => (await reminded(second, [plan.id])) === 1, { what: "the plan after the restart" });
  expect(await second.cc.services.stationDay.review.runDue()).toBe(0);
  await second.cc.services.stationDay.review.stop();
  const rows = await sqlRows<{ user_id: string }>(
    second,
    sql`select user_id from notifications where kind = 'care_plan_review_due' and payload->>'carePlanId' = ${plan.id}`,
  );
  expect(rows.map((r) => r.user_id).sort()).toEqual([staff.id, fam.caregiver.id].sort());
}, 90_000);

async function childOf(srv: TestServer, planId: string): Promise<string> {
  const [row] = await sqlRows<{ child_id: string }>(
    srv,
    sql`select child_id from care_plans where id = ${planId}`,
  );
  return row!.child_id;
}
