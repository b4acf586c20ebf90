import { sql } from "@carecircle/server";
import { expect, it } from "vitest";
import {
  addQualification,
  addShift,
  assignSocialWorker,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  nineAm,
  notificationsOf,
  setNeeds,
  shanghaiDay,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { useNodes } from "../setup/nodes.js";
import type { TestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Qualification expiry (issue 19 §1, decision 151). The jobs run from the date in the database:
 * whichever node's poll takes a qualification (FOR UPDATE SKIP LOCKED) sends the 30-day notice or
 * runs the coverage check of a change for it, once per expiry date, also after a restart.
 * Time passing is written as the house's job tests write it: the date is moved in the database,
 * behind the application's back (no watched change), so only the sweep can notice.
 */

const FAST = { reminderPollMs: 50 };
const nodes = useNodes();

/** A child needing tube feeding, confirmed 10 days ahead with the station's one qualified staff member. */
async function coveredBooking(srv: TestServer) {
  const staff = await buildStaff(srv, "station_staff", "吴老师");
  const station = await buildStation(srv, {}, { staff: [staff] });
  const { slot } = await buildSlot(srv, { station, startsAt: nineAm(10), endsAt: nineAm(10, 2) });
  await addShift(srv, station.id, staff, { date: slot.localDate });
  const qualId = await addQualification(srv, staff, "tube_feeding", "2099-12-31");
  const { caregiver, child } = await buildFamily(srv);
  const sw = await buildStaff(srv, "social_worker", "社工丁");
  await assignSocialWorker(srv, caregiver.familyId!, sw.id);
  await setNeeds(srv, caregiver, child.id, ["tube_feeding"]);
  const booking = await bookOk(srv, caregiver, slot.id, child.id);
  return { staff, station, slot, qualId, caregiver, child, sw, booking };
}

/** The qualification ran out yesterday, as time would have it. */
const expire = (srv: TestServer, qualId: string) =>
  sqlRows(srv, sql`update staff_qualifications set expires_on = ${shanghaiDay(-1)} where id = ${qualId}`);

const lost = (srv: TestServer, stationId: string) =>
  sqlRows<{ user_id: string; payload: { coverageAlertId: string; stationId: string; count: number } }>(
    srv,
    sql`select user_id, payload from notifications where kind = 'coverage_lost'
        and payload->>'stationId' = ${stationId} order by user_id`,
  );

it("an expired qualification's future booking is reported to staff and social worker once; nothing is cancelled", async () => {
  const srv = await nodes.node(FAST);
  const w = await coveredBooking(srv);
  await expire(srv, w.qualId);
  await until(async () => (await lost(srv, w.station.id)).length === 2, { what: "the coverage alert" });

  const notes = await lost(srv, w.station.id);
  expect(notes.map((n) => n.user_id).sort()).toEqual([w.staff.id, w.sw.id].sort());
  expect(notes[0]!.payload).toEqual({
    coverageAlertId: notes[1]!.payload.coverageAlertId,
    stationId: w.station.id,
    count: 1,
  });
  const read = await srv.http
    .get(`/api/coverage-alerts/${notes[0]!.payload.coverageAlertId}`)
    .set("Authorization", w.sw.auth);
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  expect(read.body).toMatchObject({
    cause: "qualification expired",
    items: [{ bookingId: w.booking.id, reason: "needs_unmet", unmetNeeds: ["tube_feeding"] }],
  });
  expect(
    await sqlCount(
      srv,
      sql`select count(*) from bookings where id = ${w.booking.id} and status = 'confirmed'`,
    ),
  ).toBe(1);
  expect(await srv.cc.services.staffing.expiry.runDue()).toBe(0);
  expect(await lost(srv, w.station.id)).toHaveLength(2);
}, 90_000);

it("an expiry already reported when it was recorded is not reported again; a renewal before the date reports nothing", async () => {
  const srv = await nodes.node(FAST);
  const admin = await buildAdmin(srv);
  const early = await coveredBooking(srv);
  const cut = await srv.http
    .patch(`/api/qualifications/${early.qualId}`)
    .set("Authorization", admin.auth)
    .send({ expiresOn: shanghaiDay(-1) });
  expect(cut.status, JSON.stringify(cut.body)).toBe(200);
  expect(await lost(srv, early.station.id)).toHaveLength(2); // the change told them at once
  await until(
    async () =>
      (await sqlCount(
        srv,
        sql`select count(*) from staff_qualifications where id = ${early.qualId} and swept_for is not null`,
      )) === 1,
    { what: "the sweep of the reported expiry" },
  );
  expect(await lost(srv, early.station.id)).toHaveLength(2);

  const renewed = await coveredBooking(srv);
  await sqlRows(
    srv,
    sql`update staff_qualifications set expires_on = ${shanghaiDay(1)} where id = ${renewed.qualId}`,
  );
  const patch = await srv.http
    .patch(`/api/qualifications/${renewed.qualId}`)
    .set("Authorization", admin.auth)
    .send({ expiresOn: shanghaiDay(400) });
  expect(patch.status, JSON.stringify(patch.body)).toBe(200);
  // Three days on, the renewed date has not passed: nothing to report.
  await srv.cc.services.staffing.expiry.runDue(new Date(Date.now() + 3 * 86_400_000));
  expect(await lost(srv, renewed.station.id)).toEqual([]);
}, 90_000);

it("two nodes sweep one expiry into exactly one alert, and a restart does not repeat it", async () => {
  const db = await nodes.sharedDb();
  const a = await nodes.node(FAST, db);
  const b = await nodes.node(FAST, await nodes.anotherHandle(db));
  const worlds: Awaited<ReturnType<typeof coveredBooking>>[] = [];
  for (let i = 0; i < 3; i++) worlds.push(await coveredBooking(i % 2 ? a : b));
  for (const w of worlds) await expire(a, w.qualId);
  await Promise.all([a.cc.services.staffing.expiry.runDue(), b.cc.services.staffing.expiry.runDue()]);
  await until(
    async () => (await Promise.all(worlds.map((w) => lost(a, w.station.id)))).every((n) => n.length === 2),
    { what: "every expiry reported" },
  );
  await Promise.all([a.cc.services.staffing.expiry.stop(), b.cc.services.staffing.expiry.stop()]);
  await a.close();
  await b.close();

  const c = await nodes.node(FAST, await nodes.anotherHandle(db));
  expect(await c.cc.services.staffing.expiry.runDue()).toBe(0);
  for (const w of worlds) {
    expect(await lost(c, w.station.id)).toHaveLength(2);
    expect(
      await sqlCount(c, sql`select count(*) from coverage_alerts where station_id = ${w.station.id}`),
    ).toBe(1);
  }
}, 120_000);

it("tells the holder and whoever recorded it 30 days ahead, once per expiry date", async () => {
  const srv = await nodes.node(FAST);
  const staff = await buildStaff(srv, "station_staff", "郑老师");
  await buildStation(srv, {}, { staff: [staff] });
  const sw = await buildStaff(srv, "social_worker", "社工戊");
  const record = (needCode: string, expiresOn: string) =>
    srv.http
      .post(`/api/staff/${staff.id}/qualifications`)
      .set("Authorization", sw.auth)
      .send({ needCode, expiresOn });
  const soon = await record("tube_feeding", shanghaiDay(20));
  expect(soon.status, JSON.stringify(soon.body)).toBe(201);
  expect((await record("seizure_rescue", shanghaiDay(60))).status).toBe(201);

  const expiring = (who: typeof staff) => notificationsOf(srv, who, "qualification_expiring");
  await until(async () => (await expiring(sw)).length === 1, { what: "the 30-day notice" });
  for (const who of [staff, sw])
    expect((await expiring(who)).map((n) => n.payload)).toEqual([
      {
        qualificationId: soon.body.id,
        userId: staff.id,
        needCode: "tube_feeding",
        expiresOn: shanghaiDay(20),
      },
    ]);
  expect(await srv.cc.services.staffing.expiry.runDue()).toBe(0);

  // Renewed to a date still within 30 days: told once more, for the new date.
  const renew = await srv.http
    .patch(`/api/qualifications/${soon.body.id}`)
    .set("Authorization", sw.auth)
    .send({ expiresOn: shanghaiDay(25) });
  expect(renew.status, JSON.stringify(renew.body)).toBe(200);
  await until(async () => (await expiring(staff)).length === 2, { what: "the notice for the new date" });
  expect(await srv.cc.services.staffing.expiry.runDue()).toBe(0);
  expect((await expiring(sw)).map((n) => n.payload.expiresOn).sort()).toEqual([
    shanghaiDay(20),
    shanghaiDay(25),
  ]);
}, 90_000);
