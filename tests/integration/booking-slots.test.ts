import type { Slot } from "@carecircle/shared";
import { afterEach, describe, expect, it } from "vitest";
import {
  book,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildSlotRule,
  buildStaff,
  buildStation,
  closeAllSockets,
  connectSocket,
  hoursFromNow,
  nextEvent,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
afterEach(() => closeAllSockets());

const DAY = 86_400_000;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => dateOnly(Date.parse(`${date}T00:00:00Z`) + n * DAY);

async function searchStation(stationId: string, from: string, to: string): Promise<Slot[]> {
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .get("/api/slots")
    .query({ stationId, from, to })
    .set("Authorization", admin.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.slots;
}

describe("blackout dates and cancelled slots", () => {
  it("a blackout removes unbooked slots, cancels booked ones with notice, and reopening restores the rule's slots", async () => {
    const station = await buildStation(srv);
    const admin = await buildAdmin(srv);
    const created = await buildSlotRule(srv, admin, station.id, {
      serviceType: "trusteeship",
      endTime: "17:00",
      capacity: 2,
      validFrom: dateOnly(Date.now()),
      weeksAhead: 1,
    });
    const closed = dateOnly(Date.now() + 3 * DAY);
    const daySlots = async () =>
      searchStation(station.id, `${closed}T00:00:00+08:00`, `${addDays(closed, 1)}T00:00:00+08:00`);
    const [ruleSlot] = await daySlots();
    const manual = await buildSlot(srv, {
      station,
      startsAt: `${closed}T18:00:00+08:00`,
      endsAt: `${closed}T20:00:00+08:00`,
    });
    const fam = await buildFamily(srv);
    const booking = await bookOk(srv, fam.caregiver, ruleSlot!.id, fam.child.id);

    const socket = await connectSocket(srv, fam.caregiver.token);
    const told = nextEvent(socket, "notification:new", (n) => n.kind === "slot_cancelled");
    const res = await srv.http
      .post(`/api/stations/${station.id}/blackouts`)
      .set("Authorization", admin.auth)
      .send({ date: closed, reason: "国庆节" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      removedSlots: 1,
      cancelledSlots: 1,
      blackout: { date: closed, reason: "国庆节" },
    });
    expect((await told).payload).toMatchObject({ bookingId: booking.id, reason: "国庆节" });
    expect(await daySlots()).toEqual([]);
    const gone = await srv.http.get(`/api/slots/${manual.slot.id}`).set("Authorization", admin.auth);
    expect(gone.status).toBe(404);
    const mine = await srv.http.get(`/api/bookings/${booking.id}`).set("Authorization", fam.caregiver.auth);
    expect(mine.body.booking.status).toBe("cancelled");
    expect(await srv.cc.services.booking.rules.materialiseAll()).toBe(0);

    const dup = await srv.http
      .post(`/api/stations/${station.id}/blackouts`)
      .set("Authorization", admin.auth)
      .send({ date: closed });
    expect(dup.status).toBe(409);
    const past = await srv.http
      .post(`/api/stations/${station.id}/blackouts`)
      .set("Authorization", admin.auth)
      .send({ date: addDays(dateOnly(Date.now()), -2) });
    expect(past.status).toBe(400);
    const listed = await srv.http
      .get(`/api/stations/${station.id}/blackouts`)
      .set("Authorization", fam.caregiver.auth);
    expect(listed.body.blackouts.map((b: { date: string }) => b.date)).toEqual([closed]);
    const manualOnClosed = await srv.http
      .post("/api/slots")
      .set("Authorization", admin.auth)
      .send({
        stationId: station.id,
        serviceType: "respite",
        startsAt: `${closed}T10:00:00+08:00`,
        endsAt: `${closed}T11:00:00+08:00`,
        capacity: 1,
      });
    expect(manualOnClosed.status).toBe(409);
    expect(manualOnClosed.body.error.details.reason).toBe("blackout");

    const reopen = await srv.http
      .delete(`/api/stations/${station.id}/blackouts/${closed}`)
      .set("Authorization", admin.auth);
    expect(reopen.status).toBe(200);
    expect(reopen.body).toEqual({ ok: true, createdSlots: 1 });
    const restored = await daySlots();
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({
      ruleId: created.rule.id,
      localStartTime: "09:00",
      confirmedCount: 0,
    });
  });

  it("cancelling a slot tells every booked and waitlisted family and frees the children's time", async () => {
    const staff = await buildStaff(srv, "station_staff");
    const otherStaff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv, {}, { staff: [staff] });
    await buildStation(srv, {}, { staff: [otherStaff] });
    const { slot } = await buildSlot(srv, { station, capacity: 2, startsAt: hoursFromNow(50) });
    const fams = [await buildFamily(srv), await buildFamily(srv), await buildFamily(srv)];
    const bookings = [
      await bookOk(srv, fams[0]!.caregiver, slot.id, fams[0]!.child.id),
      await bookOk(srv, fams[1]!.caregiver, slot.id, fams[1]!.child.id),
      await bookOk(srv, fams[2]!.caregiver, slot.id, fams[2]!.child.id, true),
    ];
    const sockets = await Promise.all(fams.map((f) => connectSocket(srv, f.caregiver.token)));
    const told = sockets.map((s) => nextEvent(s, "notification:new", (n) => n.kind === "slot_cancelled"));

    const forbidden = await srv.http
      .post(`/api/slots/${slot.id}/cancel`)
      .set("Authorization", otherStaff.auth)
      .send({ reason: "x" });
    expect(forbidden.status).toBe(403);
    const res = await srv.http
      .post(`/api/slots/${slot.id}/cancel`)
      .set("Authorization", staff.auth)
      .send({ reason: "老师生病" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      cancelled: true,
      cancelReason: "老师生病",
      confirmedCount: 0,
      seatsLeft: 0,
    });
    const notes = await Promise.all(told);
    for (const [i, n] of notes.entries())
      expect(n.payload).toMatchObject({ bookingId: bookings[i]!.id, reason: "老师生病" });
    for (const [i, f] of fams.entries()) {
      const b = await srv.http.get(`/api/bookings/${bookings[i]!.id}`).set("Authorization", f.caregiver.auth);
      expect(b.body.booking.status).toBe("cancelled");
      expect(b.body.history.at(-1)).toMatchObject({ toStatus: "cancelled", actor: { id: staff.id } });
    }
    // The children's time is free again: an overlapping slot elsewhere can be booked.
    const elsewhere = await buildSlot(srv, { startsAt: slot.startsAt });
    expect((await book(srv, fams[0]!.caregiver, elsewhere.slot.id, fams[0]!.child.id)).status).toBe(201);
    const twice = await srv.http
      .post(`/api/slots/${slot.id}/cancel`)
      .set("Authorization", staff.auth)
      .send({ reason: "x" });
    expect(twice.status).toBe(409);
  });
});
