import { sql } from "@carecircle/server";
import {
  BOOKING_NOTE_MAX,
  BookingAlternativesSchema,
  ChildAvailabilitySchema,
  type Roster,
  type Station,
} from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  book,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  cancelBooking,
  shanghaiDay,
  sqlCount,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
let admin: Account;
let staff: Account;
let home: Station;
beforeAll(async () => {
  admin = await buildAdmin(srv);
  staff = await buildStaff(srv, "station_staff", "张老师");
  home = await buildStation(
    srv,
    { name: "阳光站", district: "东区", maxBookingsPerWeek: 20, mapQuery: "阳光社区服务中心" },
    { staff: [staff] },
  );
});

/** `hh:00` Shanghai time on the local day `days` from today. */
const at = (days: number, hh = 10) => `${shanghaiDay(days)}T${String(hh).padStart(2, "0")}:00:00+08:00`;
const availability = (who: Account, childId: string, query: Record<string, string> = {}) =>
  srv.http.get(`/api/children/${childId}/availability`).query(query).set("Authorization", who.auth);
const alternatives = (who: Account, bookingId: string) =>
  srv.http.get(`/api/bookings/${bookingId}/alternatives`).set("Authorization", who.auth);

describe("station map query", () => {
  it("is stored, shown, changed and cleared; a too-long one is refused and changes nothing", async () => {
    expect(home.mapQuery).toBe("阳光社区服务中心");
    const patch = (body: object) =>
      srv.http.patch(`/api/stations/${home.id}`).set("Authorization", admin.auth).send(body);
    const bad = await patch({ mapQuery: "地".repeat(201) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.details.fields.mapQuery).toBeDefined();
    const cleared = await patch({ mapQuery: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.mapQuery).toBeNull();
    const set = await patch({ mapQuery: "阳光社区服务中心" });
    expect(set.body.mapQuery).toBe("阳光社区服务中心");
  });
});

describe("a note for the visit", () => {
  it("is kept with the booking and shown to the station's staff on the roster line", async () => {
    const fam = await buildFamily(srv);
    const { slot } = await buildSlot(srv, { station: home, startsAt: at(1) });
    const note = "  她今天有点感冒，请多喝水  ";
    const res = await srv.http
      .post("/api/bookings")
      .set("Authorization", fam.caregiver.auth)
      .send({ slotId: slot.id, childId: fam.child.id, note });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.booking.note).toBe(note);
    const roster = await srv.http
      .get(`/api/stations/${home.id}/roster`)
      .query({ date: shanghaiDay(1) })
      .set("Authorization", staff.auth);
    expect(roster.status).toBe(200);
    const line = (roster.body as Roster).slots
      .flatMap((s) => s.entries)
      .find((e) => e.booking.id === res.body.booking.id);
    expect(line?.booking.note).toBe(note);
  });

  it("a blank note is none; a too-long note is refused and books nothing", async () => {
    const fam = await buildFamily(srv);
    const { slot } = await buildSlot(srv, { station: home, startsAt: at(1, 13) });
    const long = await srv.http
      .post("/api/bookings")
      .set("Authorization", fam.caregiver.auth)
      .send({ slotId: slot.id, childId: fam.child.id, note: "字".repeat(BOOKING_NOTE_MAX + 1) });
    expect(long.status).toBe(400);
    expect(long.body.error.details.fields.note).toBeDefined();
    expect(await sqlCount(srv, sql`select count(*) from bookings where slot_id = ${slot.id}`)).toBe(0);
    const blank = await srv.http
      .post("/api/bookings")
      .set("Authorization", fam.caregiver.auth)
      .send({ slotId: slot.id, childId: fam.child.id, note: "   " });
    expect(blank.status).toBe(201);
    expect(blank.body.booking.note).toBeNull();
  });
});

describe("the 14-day availability strip", () => {
  it("counts each day's bookable sessions for the child, or names the reason closest to bookable", async () => {
    // a child only this test's stations accept, so other tests' slots read as "type not accepted"
    const fam = await buildFamily(srv, { disabilityTypes: ["hearing"] });
    const other = await buildFamily(srv, { disabilityTypes: ["hearing"] });
    const hearing = await buildStation(srv, {
      disabilityTypes: ["hearing"],
      district: "东区",
      maxBookingsPerWeek: 20,
    });
    await buildSlot(srv, { station: hearing, startsAt: at(3) });
    await buildSlot(srv, { station: hearing, startsAt: at(3, 14) });
    const full = (await buildSlot(srv, { station: hearing, startsAt: at(4), capacity: 1 })).slot;
    await bookOk(srv, other.caregiver, full.id, other.child.id);
    const mine = (await buildSlot(srv, { station: hearing, startsAt: at(5) })).slot;
    await bookOk(srv, fam.caregiver, mine.id, fam.child.id);
    await buildSlot(srv, { station: home, startsAt: at(9) });

    const res = await availability(fam.caregiver, fam.child.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = ChildAvailabilitySchema.parse(res.body);
    expect(body.days.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => shanghaiDay(i)));
    const day = (n: number) => body.days[n]!;
    expect(day(3)).toMatchObject({ sessions: 2, bookable: 2, reason: null });
    expect(day(4)).toMatchObject({ sessions: 1, bookable: 0, waitlistable: 1, reason: "full" });
    expect(day(5)).toMatchObject({ bookable: 0, reason: "already_booked" });
    expect(day(9)).toMatchObject({ bookable: 0, reason: "type_not_accepted" });
    expect(day(13)).toMatchObject({ sessions: 0, bookable: 0, reason: "no_sessions" });

    const later = await availability(fam.caregiver, fam.child.id, {
      from: shanghaiDay(4),
      serviceType: "trusteeship",
    });
    expect(later.status).toBe(200);
    expect(later.body.days[0]).toMatchObject({ date: shanghaiDay(4), sessions: 0, reason: "no_sessions" });
  });

  it("refuses a bad date (400) and another family's child (404)", async () => {
    const fam = await buildFamily(srv);
    const stranger = await buildFamily(srv);
    const bad = await availability(fam.caregiver, fam.child.id, { from: "2026-13-01" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.details.fields.from).toBeDefined();
    const theirs = await availability(stranger.caregiver, fam.child.id);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("NOT_FOUND");
  });
});

describe("book again after a cancellation", () => {
  it("offers the nearest bookable sessions for the same child and service in the same district", async () => {
    const fam = await buildFamily(srv);
    const neighbour = await buildStation(srv, { district: "东区", name: "和平站" });
    const farAway = await buildStation(srv, { district: "西区", name: "远方站" });
    const cancelled = (await buildSlot(srv, { station: home, startsAt: at(6) })).slot;
    const booking = await bookOk(srv, fam.caregiver, cancelled.id, fam.child.id);
    expect((await cancelBooking(srv, fam.caregiver, booking.id)).status).toBe(200);

    const sameDayNear = (await buildSlot(srv, { station: neighbour, startsAt: at(6, 13) })).slot;
    const nextDay = (await buildSlot(srv, { station: home, startsAt: at(7) })).slot;
    // nearer than the earlier tests' sessions at home (days 1 and 9), which come after it
    const twoDaysLater = (await buildSlot(srv, { station: neighbour, startsAt: at(8) })).slot;
    await buildSlot(srv, { station: farAway, startsAt: at(6, 11) });
    await buildSlot(srv, { station: neighbour, startsAt: at(6, 11), serviceType: "trusteeship" });
    const full = (await buildSlot(srv, { station: home, startsAt: at(6, 15), capacity: 1 })).slot;
    const filler = await buildFamily(srv);
    await bookOk(srv, filler.caregiver, full.id, filler.child.id);

    const res = await alternatives(fam.caregiver, booking.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { slots } = BookingAlternativesSchema.parse(res.body);
    expect(slots.map((s) => s.id)).toEqual([sameDayNear.id, nextDay.id, twoDaysLater.id]);
    expect(slots.every((s) => s.bookability?.bookable && s.bookability.childId === fam.child.id)).toBe(true);

    const again = await book(srv, fam.caregiver, slots[0]!.id, fam.child.id);
    expect(again.status).toBe(201);
  });

  it("is hidden from families who are not party to the booking", async () => {
    const fam = await buildFamily(srv);
    const stranger = await buildFamily(srv);
    const { slot } = await buildSlot(srv, { station: home, startsAt: at(2) });
    const booking = await bookOk(srv, fam.caregiver, slot.id, fam.child.id);
    const res = await alternatives(stranger.caregiver, booking.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});
