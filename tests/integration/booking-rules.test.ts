import type { Notification } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  assignSocialWorker,
  book,
  bookingCounts,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  cancelBooking,
  hoursFromNow,
  moveSlot,
  nineAm,
  searchSlots,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const HOUR = 3_600_000;

describe("what may be booked", () => {
  it("refuses a slot beyond the booking window, one that has started, and one of a type the station does not accept", async () => {
    const station = await buildStation(srv, { bookingWindowDays: 3, disabilityTypes: ["autism"] });
    const fam = await buildFamily(srv, { disabilityTypes: ["autism"] });
    const far = (await buildSlot(srv, { station, startsAt: hoursFromNow(24 * 5) })).slot;
    const early = await book(srv, fam.caregiver, far.id, fam.child.id, true);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "not_open_yet" } });

    const soon = (await buildSlot(srv, { station, startsAt: hoursFromNow(2) })).slot;
    await moveSlot(srv, soon.id, new Date(Date.now() - 10 * 60_000), new Date(Date.now() + HOUR));
    const started = await book(srv, fam.caregiver, soon.id, fam.child.id);
    expect(started.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "too_late" } });

    const palsy = await buildFamily(srv, { disabilityTypes: ["autism", "cerebral_palsy"] });
    const ok = (await buildSlot(srv, { station, startsAt: hoursFromNow(30) })).slot;
    const wrongType = await book(srv, palsy.caregiver, ok.id, palsy.child.id);
    expect(wrongType.body.error).toMatchObject({
      code: "NOT_BOOKABLE",
      details: { reason: "type_not_accepted" },
    });

    const found = await searchSlots(srv, palsy.caregiver, {
      stationId: station.id,
      childId: palsy.child.id,
      from: hoursFromNow(-1),
      to: hoursFromNow(24 * 6),
    });
    const reasons = Object.fromEntries(found.map((s) => [s.id, s.bookability!.reasons]));
    expect(reasons[far.id]).toEqual(["not_open_yet", "type_not_accepted"]);
    expect(reasons[soon.id]).toEqual(["too_late", "type_not_accepted"]);
    expect(reasons[ok.id]).toEqual(["type_not_accepted"]);
    // Filter by accepted disability type.
    const palsyStations = await searchSlots(srv, palsy.caregiver, {
      disabilityType: "cerebral_palsy",
      stationId: station.id,
    });
    expect(palsyStations).toEqual([]);
    expect(await bookingCounts(srv, ok.id)).toEqual({});
  });

  it("refuses booking the same slot twice and a cancelled slot; answers seats left", async () => {
    const { slot } = await buildSlot(srv, { capacity: 3 });
    const fam = await buildFamily(srv);
    await bookOk(srv, fam.caregiver, slot.id, fam.child.id);
    const again = await book(srv, fam.caregiver, slot.id, fam.child.id, true);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CONFLICT", details: { reason: "already_booked" } });
    const seen = await srv.http.get(`/api/slots/${slot.id}`).set("Authorization", fam.caregiver.auth);
    expect(seen.body).toMatchObject({ capacity: 3, confirmedCount: 1, seatsLeft: 2 });

    const admin = await buildAdmin(srv);
    const cancelled = await srv.http
      .post(`/api/slots/${slot.id}/cancel`)
      .set("Authorization", admin.auth)
      .send({ reason: "水管维修" });
    expect(cancelled.status).toBe(200);
    const other = await buildFamily(srv);
    const res = await book(srv, other.caregiver, slot.id, other.child.id, true);
    expect(res.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "cancelled" } });
  });
});

describe("booking on behalf of a family", () => {
  it("lets the family's social worker book, recorded as on behalf, and tells the family", async () => {
    const fam = await buildFamily(srv);
    const sw = await buildStaff(srv, "social_worker");
    const { slot } = await buildSlot(srv);
    const before = await book(srv, sw, slot.id, fam.child.id);
    expect(before.status).toBe(404);
    await assignSocialWorker(srv, fam.caregiver.familyId!, sw.id);
    const res = await book(srv, sw, slot.id, fam.child.id);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.booking).toMatchObject({ status: "confirmed", onBehalf: true, bookedBy: sw.id });
    const notes = await srv.http.get("/api/notifications").set("Authorization", fam.caregiver.auth);
    expect(notes.body.notifications.map((n: Notification) => n.kind)).toContain("booking_confirmed");
    const history = await srv.http
      .get(`/api/bookings/${res.body.booking.id}`)
      .set("Authorization", fam.caregiver.auth);
    expect(history.body.history[0]).toMatchObject({ toStatus: "confirmed", actor: { id: sw.id } });
    expect(history.body.history[0].reason).toMatch(/on behalf/);
    const swList = await srv.http
      .get("/api/bookings")
      .query({ familyId: fam.caregiver.familyId })
      .set("Authorization", sw.auth);
    expect(swList.body.bookings.map((b: { id: string }) => b.id)).toEqual([res.body.booking.id]);
    const cancelled = await cancelBooking(srv, sw, res.body.booking.id);
    expect(cancelled.body.booking.status).toBe("cancelled");
    const after = await srv.http.get("/api/notifications").set("Authorization", fam.caregiver.auth);
    const told = after.body.notifications.find((n: Notification) => n.kind === "booking_cancelled");
    expect(told.payload).toMatchObject({ bookingId: res.body.booking.id, childId: fam.child.id });
  });
});

describe("bad input: 4xx with a stable code, never a 500, never a state change", () => {
  it("rejects malformed booking requests", async () => {
    const fam = await buildFamily(srv);
    const { slot } = await buildSlot(srv);
    const cases: [unknown, number, string][] = [
      [{ slotId: slot.id }, 400, "VALIDATION_FAILED"],
      [{ slotId: "nope", childId: fam.child.id }, 400, "VALIDATION_FAILED"],
      [{ slotId: slot.id, childId: fam.child.id, waitlist: "yes" }, 400, "VALIDATION_FAILED"],
      [{ slotId: slot.id, childId: fam.child.id, extra: 1 }, 400, "VALIDATION_FAILED"],
      [{ slotId: "00000000-0000-4000-8000-000000000000", childId: fam.child.id }, 404, "NOT_FOUND"],
      [{ slotId: slot.id, childId: "00000000-0000-4000-8000-000000000000" }, 404, "NOT_FOUND"],
      [[1, 2], 400, "VALIDATION_FAILED"],
    ];
    for (const [body, status, code] of cases) {
      const res = await srv.http
        .post("/api/bookings")
        .set("Authorization", fam.caregiver.auth)
        .send(body as object);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status, code });
    }
    const raw = await srv.http
      .post("/api/bookings")
      .set("Authorization", fam.caregiver.auth)
      .set("Content-Type", "application/json")
      .send("{bad json");
    expect(raw.status).toBe(400);
    expect(await bookingCounts(srv, slot.id)).toEqual({});
    const cancelBad = await srv.http
      .post("/api/bookings/not-a-uuid/cancel")
      .set("Authorization", fam.caregiver.auth);
    expect(cancelBad.status).toBe(400);
  });

  it("rejects malformed slots, rules and searches", async () => {
    const admin = await buildAdmin(srv);
    const station = await buildStation(srv, {
      serviceTypes: ["respite"],
      openingHours: {
        "1": [["09:00", "17:00"]],
        "2": [["09:00", "17:00"]],
        "3": [["09:00", "17:00"]],
        "4": [["09:00", "17:00"]],
        "5": [["09:00", "17:00"]],
        "6": [["09:00", "17:00"]],
        "7": [["09:00", "17:00"]],
      },
    });
    const base = {
      stationId: station.id,
      serviceType: "respite",
      capacity: 5,
      startsAt: nineAm(3),
      endsAt: nineAm(3, 2),
    };
    const bad: [Record<string, unknown>, number][] = [
      [{ ...base, endsAt: nineAm(3, -1) }, 400],
      [{ ...base, capacity: 0 }, 400],
      [{ ...base, capacity: 501 }, 400],
      [{ ...base, startsAt: nineAm(-1), endsAt: nineAm(-1, 1) }, 400],
      [{ ...base, startsAt: new Date(Date.parse(nineAm(3)) + 1500).toISOString() }, 400],
      [{ ...base, serviceType: "trusteeship" }, 400],
      [{ ...base, startsAt: nineAm(3, 7), endsAt: nineAm(3, 10) }, 400], // 16:00-19:00 local: closes at 17:00
      [{ ...base, stationId: "00000000-0000-4000-8000-000000000000" }, 404],
      [{ ...base, endsAt: nineAm(4, 2) }, 400], // longer than 24 hours
    ];
    for (const [body, status] of bad) {
      const res = await srv.http.post("/api/slots").set("Authorization", admin.auth).send(body);
      expect({ body, status: res.status }).toEqual({ body, status });
    }
    const good = await srv.http.post("/api/slots").set("Authorization", admin.auth).send(base);
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({
      localStartTime: "09:00",
      localEndTime: "11:00",
      startsAt: expect.stringMatching(/\+08:00$/),
    });

    const rules: Record<string, unknown>[] = [
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [],
        startTime: "09:00",
        endTime: "11:00",
        capacity: 3,
        validFrom: "2026-01-01",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [8],
        startTime: "09:00",
        endTime: "11:00",
        capacity: 3,
        validFrom: "2026-01-01",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [1, 1],
        startTime: "09:00",
        endTime: "11:00",
        capacity: 3,
        validFrom: "2026-01-01",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [1],
        startTime: "11:00",
        endTime: "09:00",
        capacity: 3,
        validFrom: "2026-01-01",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [1],
        startTime: "9:00",
        endTime: "11:00",
        capacity: 3,
        validFrom: "2026-01-01",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [1],
        startTime: "09:00",
        endTime: "11:00",
        capacity: 3,
        validFrom: "2026-02-30",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [1],
        startTime: "09:00",
        endTime: "11:00",
        capacity: 3,
        validFrom: "2026-03-01",
        validTo: "2026-02-01",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [1],
        startTime: "16:00",
        endTime: "18:00",
        capacity: 3,
        validFrom: "2026-01-01",
      },
      {
        stationId: station.id,
        serviceType: "respite",
        weekdays: [1],
        startTime: "09:00",
        endTime: "11:00",
        capacity: 3,
        validFrom: "2026-01-01",
        weeksAhead: 53,
      },
    ];
    for (const body of rules) {
      const res = await srv.http.post("/api/slot-rules").set("Authorization", admin.auth).send(body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
        body,
        status: 400,
        code: "VALIDATION_FAILED",
      });
    }

    const searches = [
      { from: nineAm(3), to: nineAm(2) },
      { from: nineAm(1), to: nineAm(100) },
      { serviceType: "massage" },
      { from: "tomorrow" },
      { childId: "x" },
    ];
    for (const q of searches) {
      const res = await srv.http.get("/api/slots").query(q).set("Authorization", admin.auth);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
    }
    const bad2 = await srv.http
      .post("/api/stations")
      .set("Authorization", admin.auth)
      .send({
        name: "x",
        district: "d",
        address: "a",
        phone: "021-55550001",
        disabilityTypes: ["autism"],
        serviceTypes: ["respite"],
        timeZone: "Mars/Olympus",
      });
    expect(bad2.status).toBe(400);
    expect(bad2.body.error.details.fields.timeZone).toBeDefined();
  });
});
