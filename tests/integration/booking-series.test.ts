import { sql } from "@carecircle/server";
import type { BookingSeries, Station } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  book,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildSlotRule,
  buildStaff,
  buildStation,
  cancelBooking,
  joinFamily,
  notificationsOf,
  shanghaiDay,
  sqlCount,
  sqlOne,
  sqlRows,
} from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

/** `date` plus `days` calendar days. */
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** 09:00 and 14:00 in Asia/Shanghai (no DST) on `date`, as UTC instants. */
const at = (date: string, hhmm: string) => new Date(Date.parse(`${date}T${hhmm}:00+08:00`)).toISOString();
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** A weekly 09:00-11:00 respite rule at `station` on `first`'s weekday; rules make 4 weeks. */
async function weeklyRule(station: Station, first: string, capacity: number): Promise<string> {
  const admin = await buildAdmin(srv);
  const res = await buildSlotRule(srv, admin, station.id, {
    weekdays: [isoWeekday(first)],
    startTime: "09:00",
    endTime: "11:00",
    capacity,
    validFrom: shanghaiDay(0),
    weeksAhead: 4,
  });
  return res.rule.id;
}

/** The rule's slot on `date` (09:00). */
async function ruleSlot(ruleId: string, date: string): Promise<{ id: string; confirmed_count: number }> {
  return sqlOne(
    srv,
    sql`select id, confirmed_count from slots where rule_id = ${ruleId}::uuid
        and starts_at = ${at(date, "09:00")}::timestamptz`,
  );
}

function postSeries(who: Account, body: object) {
  return srv.http.post("/api/bookings/series").set("Authorization", who.auth).send(body);
}

async function seriesOk(who: Account, body: object): Promise<BookingSeries> {
  const res = await postSeries(who, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.series as BookingSeries;
}

const statuses = (s: BookingSeries) => s.occurrences.map((o) => [o.week, o.status, o.reason]);

/** Every slot of the station holds exactly as many confirmed bookings as its counter says. */
async function expectNoOverbooking(stationId: string): Promise<void> {
  const rows = await sqlRows<{ id: string; capacity: number; confirmed_count: number; n: number }>(
    srv,
    sql`select s.id, s.capacity, s.confirmed_count,
               (select count(*)::int from bookings b where b.slot_id = s.id and b.status = 'confirmed') as n
        from slots s where s.station_id = ${stationId}::uuid`,
  );
  for (const r of rows) {
    expect(r.n, r.id).toBe(r.confirmed_count);
    expect(r.n, r.id).toBeLessThanOrEqual(r.capacity);
  }
}

describe("recurring respite (issue 19 §2)", () => {
  it("decides each of 12 weeks by the booking rules, past the booking window", async () => {
    const station = await buildStation(srv, { maxBookingsPerWeek: 1 });
    const other = await buildStation(srv, { bookingWindowDays: 90 });
    const first = shanghaiDay(2);
    const week = (n: number) => addDays(first, 7 * (n - 1));
    const ruleId = await weeklyRule(station, first, 2);
    const fam = await buildFamily(srv);

    // Week 2: the family's weekly quota is used by an afternoon booking the same day.
    const afternoon = await buildSlot(srv, { station, startsAt: at(week(2), "14:00") });
    await bookOk(srv, fam.caregiver, afternoon.slot.id, fam.child.id);
    // Week 5: the child is at another station at the same time.
    const elsewhere = await buildSlot(srv, { station: other, startsAt: at(week(5), "10:00") });
    await bookOk(srv, fam.caregiver, elsewhere.slot.id, fam.child.id);
    // Weeks 3 and 4: two other families' series take both seats.
    for (let i = 0; i < 2; i++) {
      const f = await buildFamily(srv);
      const s = await seriesOk(f.caregiver, {
        childId: f.child.id,
        slotId: (await ruleSlot(ruleId, week(3))).id,
        weeks: 2,
      });
      expect(statuses(s)).toEqual([
        [1, "confirmed", null],
        [2, "confirmed", null],
      ]);
    }
    // Week 7: the station is closed (its slot is not materialised yet; the series must not make it).
    const admin = await buildAdmin(srv);
    const closed = await srv.http
      .post(`/api/stations/${station.id}/blackouts`)
      .set("Authorization", admin.auth)
      .send({ date: week(7), reason: "节日" });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);

    const series = await seriesOk(fam.caregiver, {
      childId: fam.child.id,
      slotId: (await ruleSlot(ruleId, week(1))).id,
      weeks: 12,
      note: "每周三上午",
    });
    expect(statuses(series)).toEqual([
      [1, "confirmed", null],
      [2, "refused", "quota_reached"],
      [3, "waitlisted", null],
      [4, "waitlisted", null],
      [5, "refused", "overlap"],
      [6, "confirmed", null],
      [7, "refused", "no_session"],
      ...[8, 9, 10, 11, 12].map((n) => [n, "confirmed", null]),
    ]);
    expect(series.occurrences.map((o) => o.date)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(week));
    expect(series.occurrences[1]).toMatchObject({ code: "NOT_BOOKABLE", booking: null });
    expect(series.occurrences[4]).toMatchObject({ code: "CONFLICT" });
    expect(series).toMatchObject({
      weeks: 12,
      note: "每周三上午",
      weekday: isoWeekday(first),
      startTime: "09:00",
    });
    // Each week is its own booking with its own seat.
    expect(await sqlCount(srv, sql`select count(*) from bookings where series_id = ${series.id}::uuid`)).toBe(
      9,
    );
    expect((await ruleSlot(ruleId, week(12))).confirmed_count).toBe(1);
    expect(await sqlCount(srv, sql`select count(*) from slots where rule_id = ${ruleId}::uuid`)).toBe(11);
    // A single booking still keeps the window: week 12 has not opened for it.
    const single = await buildFamily(srv);
    const early = await book(srv, single.caregiver, (await ruleSlot(ruleId, week(12))).id, single.child.id);
    expect(early.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "not_open_yet" } });

    const again = await srv.http
      .get(`/api/bookings/series/${series.id}`)
      .set("Authorization", fam.caregiver.auth);
    expect(again.status).toBe(200);
    expect(statuses(again.body.series)).toEqual(statuses(series));
    await expectNoOverbooking(station.id);
  }, 120_000);

  it("frees exactly one seat per cancelled week and promotes the waitlist; cancel from a date cancels only later weeks", async () => {
    const station = await buildStation(srv);
    const first = shanghaiDay(3);
    const week = (n: number) => addDays(first, 7 * (n - 1));
    const ruleId = await weeklyRule(station, first, 1);
    const slotId = (await ruleSlot(ruleId, week(1))).id;
    const a = await buildFamily(srv);
    const b = await buildFamily(srv);
    const sa = await seriesOk(a.caregiver, { childId: a.child.id, slotId, weeks: 4 });
    const sb = await seriesOk(b.caregiver, { childId: b.child.id, slotId, weeks: 4 });
    expect(sa.occurrences.map((o) => o.status)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);
    expect(sb.occurrences.map((o) => o.status)).toEqual([
      "waitlisted",
      "waitlisted",
      "waitlisted",
      "waitlisted",
    ]);

    // One week cancelled alone: its seat goes to B, no other week moves.
    expect((await cancelBooking(srv, a.caregiver, sa.occurrences[1]!.booking!.id)).status).toBe(200);
    const get = (who: Account, id: string) =>
      srv.http.get(`/api/bookings/series/${id}`).set("Authorization", who.auth);
    const b1 = (await get(b.caregiver, sb.id)).body.series as BookingSeries;
    expect(b1.occurrences.map((o) => o.status)).toEqual([
      "waitlisted",
      "confirmed",
      "waitlisted",
      "waitlisted",
    ]);
    expect((await ruleSlot(ruleId, week(2))).confirmed_count).toBe(1);

    // From week 3 on: weeks 3 and 4 are cancelled, week 1 stays.
    const res = await srv.http
      .post(`/api/bookings/series/${sa.id}/cancel`)
      .set("Authorization", a.caregiver.auth)
      .send({ from: week(3) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.cancelled).toBe(2);
    expect(res.body.series.cancelledFrom).toBe(week(3));
    expect((res.body.series as BookingSeries).occurrences.map((o) => o.status)).toEqual([
      "confirmed",
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    const b2 = (await get(b.caregiver, sb.id)).body.series as BookingSeries;
    expect(b2.occurrences.map((o) => o.status)).toEqual([
      "waitlisted",
      "confirmed",
      "confirmed",
      "confirmed",
    ]);
    for (const n of [1, 2, 3, 4]) expect((await ruleSlot(ruleId, week(n))).confirmed_count).toBe(1);
    // Again from the same date: nothing left to cancel.
    const twice = await srv.http
      .post(`/api/bookings/series/${sa.id}/cancel`)
      .set("Authorization", a.caregiver.auth)
      .send({ from: week(3) });
    expect(twice.body.cancelled).toBe(0);
    await expectNoOverbooking(station.id);
    // The family's export holds its series (the note is the family's own words).
    const exported = await srv.http.get("/api/me/export").set("Authorization", a.caregiver.auth);
    expect(exported.status).toBe(200);
    expect(JSON.parse(exported.text).bookingSeries).toEqual([
      expect.objectContaining({ id: sa.id, cancelledFrom: week(3), note: "" }),
    ]);
  }, 120_000);

  it("never overbooks when families race series for the last seats", async () => {
    const station = await buildStation(srv);
    const first = shanghaiDay(4);
    const ruleId = await weeklyRule(station, first, 2);
    const slotId = (await ruleSlot(ruleId, first)).id;
    const families = await Promise.all([0, 1, 2, 3, 4, 5].map(() => buildFamily(srv)));
    const answers = await Promise.all(
      families.map((f) => seriesOk(f.caregiver, { childId: f.child.id, slotId, weeks: 6 })),
    );
    for (let w = 0; w < 6; w++) {
      const got = answers.map((s) => s.occurrences[w]!.status).sort();
      expect(got).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted", "waitlisted"]);
    }
    await expectNoOverbooking(station.id);
  }, 120_000);

  it("refuses bad input at the field and other families' children, changing nothing", async () => {
    const { slot } = await buildSlot(srv);
    const fam = await buildFamily(srv);
    const stranger = await buildFamily(srv);
    const ok = { childId: fam.child.id, slotId: slot.id, weeks: 4 };
    const before = await databaseFingerprint(srv.cc.deps.db);
    const cases: [object, string][] = [
      [{ ...ok, weeks: 1 }, "weeks"],
      [{ ...ok, weeks: 13 }, "weeks"],
      [{ ...ok, weeks: 2.5 }, "weeks"],
      [{ ...ok, childId: "nope" }, "childId"],
      [{ slotId: slot.id, weeks: 4 }, "childId"],
      [{ ...ok, note: "很".repeat(501) }, "note"],
    ];
    for (const [body, field] of cases) {
      const res = await postSeries(fam.caregiver, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.fields, JSON.stringify(res.body)).toHaveProperty(field);
    }
    const extra = await postSeries(fam.caregiver, { ...ok, every: "week" });
    expect(extra.status).toBe(400);
    expect((await postSeries(stranger.caregiver, ok)).status).toBe(404);
    const cancel = await srv.http
      .post("/api/bookings/series/00000000-0000-4000-8000-000000000000/cancel")
      .set("Authorization", fam.caregiver.auth)
      .send({ from: "2026-13-01" });
    expect(cancel.status).toBe(400);
    expect(cancel.body.error.details.fields).toHaveProperty("from");
    expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);
  });

  it("tells each other caregiver once per series with its counts, not once per week; single bookings keep their notices", async () => {
    const station = await buildStation(srv, { name: "周三站", maxBookingsPerWeek: 1, bookingWindowDays: 60 });
    const first = shanghaiDay(4);
    const week = (n: number) => addDays(first, 7 * (n - 1));
    const ruleId = await weeklyRule(station, first, 1);
    const fam = await buildFamily(srv);
    const grandma = await joinFamily(srv, fam.caregiver, { displayName: "奶奶" });
    // Week 2: another family holds the one seat; week 3: the family's weekly quota is used.
    const other = await buildFamily(srv);
    await bookOk(srv, other.caregiver, (await ruleSlot(ruleId, week(2))).id, other.child.id);
    const afternoon = await buildSlot(srv, { station, startsAt: at(week(3), "14:00") });
    const single = await bookOk(srv, fam.caregiver, afternoon.slot.id, fam.child.id);

    const series = await seriesOk(fam.caregiver, {
      childId: fam.child.id,
      slotId: (await ruleSlot(ruleId, week(1))).id,
      weeks: 4,
    });
    expect(series.occurrences.map((o) => o.status)).toEqual([
      "confirmed",
      "waitlisted",
      "refused",
      "confirmed",
    ]);
    const seriesNotes = await notificationsOf(srv, grandma, "series_booked");
    expect(seriesNotes.map((n) => n.payload)).toEqual([
      {
        seriesId: series.id,
        childId: fam.child.id,
        stationId: station.id,
        stationName: "周三站",
        startsAt: `${first}T09:00:00+08:00`,
        weeks: 4,
        confirmed: 2,
        waitlisted: 1,
        refused: 1,
      },
    ]);
    // The single booking told her as before; the series' weeks did not, one by one.
    const confirmed = await notificationsOf(srv, grandma, "booking_confirmed");
    expect(confirmed.map((n) => n.payload.bookingId)).toEqual([single.id]);
    expect(await notificationsOf(srv, fam.caregiver, "series_booked")).toEqual([]);

    // Booked by the family's social worker (another weekday): every caregiver is told once.
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, fam.caregiver.familyId!, sw.id);
    const station2 = await buildStation(srv);
    const other2 = addDays(first, 1);
    const rule2 = await weeklyRule(station2, other2, 3);
    const byStaff = await seriesOk(sw, {
      childId: fam.child.id,
      slotId: (await ruleSlot(rule2, other2)).id,
      weeks: 2,
    });
    expect(byStaff.occurrences.map((o) => o.status)).toEqual(["confirmed", "confirmed"]);
    for (const who of [fam.caregiver, grandma]) {
      const notes = (await notificationsOf(srv, who, "series_booked")).filter(
        (n) => n.payload.seriesId === byStaff.id,
      );
      expect(notes.map((n) => n.payload)).toMatchObject([
        { stationId: station2.id, weeks: 2, confirmed: 2, waitlisted: 0, refused: 0 },
      ]);
    }
    expect(await notificationsOf(srv, fam.caregiver, "booking_confirmed")).toEqual([]);
    expect(
      (await notificationsOf(srv, grandma, "booking_confirmed")).map((n) => n.payload.bookingId),
    ).toEqual([single.id]);
  }, 120_000);
});
