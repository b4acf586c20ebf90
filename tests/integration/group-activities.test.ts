import { sql } from "@carecircle/server";
import type { Activity, CaseTimelineEntry } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildStaff,
  buildStation,
  caseCall,
  familyWithCase,
  hoursFromNow,
  sqlCount,
  sqlOne,
  sqlRows,
} from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

const srv = useTestServer();

const body = (over: Record<string, unknown> = {}) => ({
  kind: "parent_training",
  topic: "孤独症儿童的情绪安抚",
  facilitator: "李老师",
  audience: "caregivers",
  capacity: 2,
  startsAt: hoursFromNow(48),
  endsAt: hoursFromNow(50),
  ...over,
});

async function create(who: Account, over: Record<string, unknown> = {}): Promise<Activity> {
  const res = await srv.http.post("/api/activities").set("Authorization", who.auth).send(body(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.activity as Activity;
}

const signUp = (who: Account, id: string) =>
  srv.http.post(`/api/activities/${id}/signup`).set("Authorization", who.auth);
const leave = (who: Account, id: string) =>
  srv.http.post(`/api/activities/${id}/leave`).set("Authorization", who.auth);
const seats = (id: string) =>
  sqlOne<{ confirmed_count: number; n: number }>(
    srv,
    sql`select confirmed_count, (select count(*)::int from activity_signups s
          where s.activity_id = a.id and s.status = 'confirmed') as n
        from group_activities a where a.id = ${id}::uuid`,
  );

describe("group activities (issue 19 §4)", () => {
  it("seats first come, waitlists the rest, and promotes the waitlist head when a seat frees", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await create(sw);
    const people = await Promise.all([0, 1, 2, 3].map(() => buildCaregiver(srv)));
    for (const p of people) expect((await signUp(p, a.id)).status).toBe(201);
    const mine = async (p: Account) =>
      ((await srv.http.get(`/api/activities/${a.id}`).set("Authorization", p.auth)).body.activity as Activity)
        .mySignup;
    expect(await mine(people[0]!)).toEqual({ status: "confirmed", waitlistPosition: null });
    expect(await mine(people[3]!)).toEqual({ status: "waitlisted", waitlistPosition: 2 });
    expect((await signUp(people[0]!, a.id)).body.error).toMatchObject({
      code: "CONFLICT",
      details: { reason: "already_signed_up" },
    });
    // The audience decides who may join: staff may not take a caregivers' seat.
    const staffSign = await signUp(sw, a.id);
    expect(staffSign.status).toBe(409);
    expect(staffSign.body.error.details.reason).toBe("audience");

    const left = await leave(people[1]!, a.id);
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(await mine(people[2]!)).toEqual({ status: "confirmed", waitlistPosition: null });
    expect(await mine(people[3]!)).toEqual({ status: "waitlisted", waitlistPosition: 1 });
    expect(await seats(a.id)).toEqual({ confirmed_count: 2, n: 2 });
    await until(
      async () =>
        (await sqlCount(
          srv,
          sql`select count(*) from notifications where user_id = ${people[2]!.id}::uuid and kind = 'activity_promoted'`,
        )) === 1,
      { what: "the promoted caregiver to be told" },
    );
    // A waitlisted person leaving frees nothing.
    expect((await leave(people[3]!, a.id)).status).toBe(200);
    expect(await seats(a.id)).toEqual({ confirmed_count: 2, n: 2 });
    // The organiser sees the participants; a participant does not.
    const asOrganiser = await srv.http.get(`/api/activities/${a.id}`).set("Authorization", sw.auth);
    expect((asOrganiser.body.activity as Activity).participants.map((p) => p.userId)).toEqual([
      people[0]!.id,
      people[2]!.id,
    ]);
    expect(
      (await srv.http.get(`/api/activities/${a.id}`).set("Authorization", people[0]!.auth)).body.activity
        .participants,
    ).toEqual([]);
    // Who signed up for a group says something about a child: the organiser's read is audited, and
    // lists never carry names (decision 155).
    const reads = sql`select actor_id::text as actor, after->>'count' as count from audit_log
        where action = 'activity_participants_viewed' and after->>'activityId' = ${a.id}`;
    expect(await sqlRows(srv, reads)).toEqual([{ actor: sw.id, count: "2" }]);
    const list = await srv.http.get("/api/activities").set("Authorization", sw.auth);
    const listed = (list.body.activities as Activity[]).find((x) => x.id === a.id)!;
    expect([listed.canManage, listed.participants]).toEqual([true, []]);
    expect(await sqlRows(srv, reads)).toHaveLength(1);
  }, 120_000);

  it("never overbooks under concurrent sign-ups", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await create(sw, { capacity: 3, audience: "all" });
    const people = await Promise.all([...Array(10).keys()].map(() => buildCaregiver(srv)));
    const answers = await Promise.all(people.map((p) => signUp(p, a.id)));
    expect(answers.map((r) => r.status)).toEqual(people.map(() => 201));
    expect(await seats(a.id)).toEqual({ confirmed_count: 3, n: 3 });
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from activity_signups where activity_id = ${a.id}::uuid and status = 'waitlisted'`,
      ),
    ).toBe(7);
  }, 120_000);

  it("records attendance by organisers only, and it reaches the family's case timeline", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const staff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv, {}, { staff: [staff] });
    const { caregiver, case: c } = await familyWithCase(srv, sw);
    const a = await create(staff, {
      stationId: station.id,
      startsAt: hoursFromNow(1),
      endsAt: hoursFromNow(3),
    });
    expect(a.station).toMatchObject({ id: station.id });
    expect((await signUp(caregiver, a.id)).status).toBe(201);
    const mark = (who: Account, attended: boolean) =>
      srv.http
        .post(`/api/activities/${a.id}/attendance`)
        .set("Authorization", who.auth)
        .send({ userId: caregiver.id, attended });
    // Not before the session has started.
    const early = await mark(staff, true);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "not_started" } });
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from activity_signups where activity_id = ${a.id}::uuid and attended is not null`,
      ),
    ).toBe(0);
    await sqlOne(
      srv,
      sql`update group_activities set starts_at = now() where id = ${a.id}::uuid returning id`,
    );
    expect((await mark(sw, true)).status).toBe(403); // not this activity's organiser
    const res = await mark(staff, true);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body.activity as Activity).participants[0]).toMatchObject({
      userId: caregiver.id,
      attended: true,
    });
    const exported = await srv.http.get("/api/me/export").set("Authorization", caregiver.auth);
    expect(JSON.parse(exported.text).activitySignups).toEqual([
      expect.objectContaining({ activityId: a.id, status: "confirmed", attended: true }),
    ]);
    const timeline = await caseCall(srv, sw, "get", `/api/cases/${c.id}/timeline`);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.entries as CaseTimelineEntry[];
    expect(entries.find((e) => e.kind === "group_activity")).toMatchObject({
      activity: { topic: "孤独症儿童的情绪安抚", kind: "parent_training", attended: true },
    });
  }, 120_000);

  it("refuses bad input at the field, staff of another station, and changes nothing", async () => {
    const staff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv);
    const sw = await buildStaff(srv, "social_worker");
    const before = await databaseFingerprint(srv.cc.deps.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ capacity: 0 }, "capacity"],
      [{ topic: "" }, "topic"],
      [{ kind: "party" }, "kind"],
      [{ audience: "everyone" }, "audience"],
      [{ endsAt: hoursFromNow(47) }, "endsAt"],
      [{ startsAt: hoursFromNow(-2), endsAt: hoursFromNow(-1) }, "startsAt"],
    ];
    for (const [over, field] of cases) {
      const res = await srv.http.post("/api/activities").set("Authorization", sw.auth).send(body(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.details.fields, JSON.stringify(res.body)).toHaveProperty(field);
    }
    const elsewhere = await srv.http
      .post("/api/activities")
      .set("Authorization", staff.auth)
      .send(body({ stationId: station.id }));
    expect(elsewhere.status).toBe(403);
    expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);
  }, 120_000);
});
