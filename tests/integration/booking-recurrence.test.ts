import { sql } from "@carecircle/server";
import type { Slot } from "@carecircle/shared";
import { afterEach, describe, expect, it } from "vitest";
import {
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlotRule,
  buildStaff,
  buildStation,
  closeAllSockets,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
afterEach(() => closeAllSockets());

const DAY = 86_400_000;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => dateOnly(Date.parse(`${date}T00:00:00Z`) + n * DAY);

/** The next EU DST change after today: the last Sunday of March or October (a Sunday, as YYYY-MM-DD). */
function nextEuDstChange(): { date: string; kind: "spring" | "autumn" } {
  const today = dateOnly(Date.now());
  const lastSunday = (year: number, month: number) => {
    const d = new Date(Date.UTC(year, month + 1, 0));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return dateOnly(d.getTime());
  };
  const year = new Date().getUTCFullYear();
  const candidates = [
    { date: lastSunday(year, 2), kind: "spring" as const },
    { date: lastSunday(year, 9), kind: "autumn" as const },
    { date: lastSunday(year + 1, 2), kind: "spring" as const },
  ];
  return candidates.find((c) => addDays(c.date, -7) > today)!;
}

async function ruleSlots(ruleId: string): Promise<{ id: string; starts_at: Date; capacity: number }[]> {
  return sqlRows(
    srv,
    sql`SELECT id, starts_at, capacity FROM slots WHERE rule_id = ${ruleId}::uuid AND cancelled_at IS NULL ORDER BY starts_at`,
  );
}

async function searchStation(stationId: string, from: string, to: string): Promise<Slot[]> {
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .get("/api/slots")
    .query({ stationId, from, to })
    .set("Authorization", admin.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.slots;
}

describe("weekly rules", () => {
  it("materialise at the right local time across a DST change, and re-running is idempotent", async () => {
    const { date: change, kind } = nextEuDstChange();
    const station = await buildStation(srv, { timeZone: "Europe/Berlin", bookingWindowDays: 180 });
    const staff = await buildStaff(srv, "station_staff");
    const admin = await buildAdmin(srv);
    await srv.http
      .post(`/api/stations/${station.id}/staff`)
      .set("Authorization", admin.auth)
      .send({ userId: staff.id });

    const result = await buildSlotRule(srv, staff, station.id, {
      weekdays: [6, 7, 1], // Saturday, Sunday, Monday
      capacity: 4,
      validFrom: addDays(change, -7),
      validTo: addDays(change, 7),
      weeksAhead: 52,
    });
    expect(result.created).toBe(7);

    const slots = await searchStation(
      station.id,
      `${addDays(change, -8)}T00:00:00Z`,
      `${addDays(change, 9)}T00:00:00Z`,
    );
    expect(slots.map((s) => s.localDate)).toEqual([-7, -6, -1, 0, 1, 6, 7].map((n) => addDays(change, n)));
    const [before, after] = kind === "spring" ? ["+01:00", "+02:00"] : ["+02:00", "+01:00"];
    for (const s of slots) {
      expect(s).toMatchObject({ localStartTime: "09:00", localEndTime: "11:00", capacity: 4 });
      const offset = s.localDate < change ? before : after;
      expect(s.startsAt).toBe(`${s.localDate}T09:00:00${offset}`);
      expect(s.endsAt).toBe(`${s.localDate}T11:00:00${offset}`);
      // Two hours long in real time too (the change happens at night).
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(2 * 3_600_000);
    }
    // The UTC instant moves by one hour across the change while the wall clock stays at 09:00.
    const utcHour = (s: Slot) => new Date(s.startsAt).getUTCHours();
    expect(utcHour(slots[2]!) - utcHour(slots[3]!)).toBe(kind === "spring" ? 1 : -1);

    // A wall-clock time inside the change's gap/overlap is resolved deterministically.
    const night = await buildSlotRule(srv, staff, station.id, {
      weekdays: [7],
      startTime: "02:30",
      endTime: "04:00",
      capacity: 1,
      validFrom: change,
      validTo: change,
      weeksAhead: 52,
    });
    expect(night.created).toBe(1);
    const [nightSlot] = (
      await searchStation(station.id, `${addDays(change, -1)}T00:00:00Z`, `${addDays(change, 1)}T06:00:00Z`)
    ).filter((s) => s.ruleId === night.rule.id);
    // Spring: 02:30 does not exist and moves forward by the gap; autumn: the later 02:30 is taken.
    expect(nightSlot!.startsAt).toBe(
      kind === "spring" ? `${change}T03:30:00+02:00` : `${change}T02:30:00+01:00`,
    );

    // Idempotent: the hourly roll-forward and repeated runs add nothing.
    const ids = (await ruleSlots(result.rule.id)).map((s) => s.id);
    expect(await srv.cc.services.booking.rules.materialiseAll()).toBe(0);
    expect(await srv.cc.services.booking.rules.materialiseAll()).toBe(0);
    expect((await ruleSlots(result.rule.id)).map((s) => s.id)).toEqual(ids);
  });

  it("editing a rule moves unbooked future slots and leaves booked ones exactly as they were", async () => {
    const station = await buildStation(srv);
    const admin = await buildAdmin(srv);
    const create = await buildSlotRule(srv, admin, station.id, { validFrom: dateOnly(Date.now()) });
    const ruleId = create.rule.id;
    const initial = await ruleSlots(ruleId);
    expect(initial.length).toBe(create.created);
    expect(initial.length).toBeGreaterThanOrEqual(13);

    const fam = await buildFamily(srv);
    const bookedSlot = initial[1]!;
    const booking = await bookOk(srv, fam.caregiver, bookedSlot.id, fam.child.id);

    const edit = await srv.http
      .patch(`/api/slot-rules/${ruleId}`)
      .set("Authorization", admin.auth)
      .send({ startTime: "10:00", endTime: "12:00", capacity: 5 });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ keptBooked: 1, removed: initial.length - 1 });
    expect(edit.body.rule).toMatchObject({ startTime: "10:00", capacity: 5 });

    const after = await ruleSlots(ruleId);
    const kept = after.find((s) => s.id === bookedSlot.id)!;
    expect(kept).toMatchObject({ capacity: 3 });
    expect(new Date(kept.starts_at).getTime()).toBe(new Date(bookedSlot.starts_at).getTime());
    const others = after.filter((s) => s.id !== bookedSlot.id);
    expect(others.length).toBe(edit.body.created);
    for (const s of others) expect(new Date(s.starts_at).getUTCHours()).toBe(2); // 10:00 in Shanghai
    for (const s of others) expect(s.capacity).toBe(5);
    const mine = await srv.http.get(`/api/bookings/${booking.id}`).set("Authorization", fam.caregiver.auth);
    expect(mine.body.booking).toMatchObject({ status: "confirmed", slotId: bookedSlot.id });

    // A capacity-only edit changes unbooked slots in place (same ids).
    const again = await srv.http
      .patch(`/api/slot-rules/${ruleId}`)
      .set("Authorization", admin.auth)
      .send({ capacity: 6 });
    expect(again.body).toMatchObject({ created: 0, removed: 0, keptBooked: 1 });
    const inPlace = await ruleSlots(ruleId);
    expect(inPlace.map((s) => s.id)).toEqual(after.map((s) => s.id));
    expect(inPlace.filter((s) => s.id !== bookedSlot.id).every((s) => s.capacity === 6)).toBe(true);

    // Retiring the rule removes its unbooked slots and keeps the booked one.
    const retired = await srv.http.delete(`/api/slot-rules/${ruleId}`).set("Authorization", admin.auth);
    expect(retired.body).toMatchObject({ keptBooked: 1, created: 0 });
    expect((await ruleSlots(ruleId)).map((s) => s.id)).toEqual([bookedSlot.id]);
    const list = await srv.http
      .get("/api/slot-rules")
      .query({ stationId: station.id })
      .set("Authorization", fam.caregiver.auth);
    expect(list.body.rules).toEqual([]);
  });
});
