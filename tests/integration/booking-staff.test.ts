import type { Roster, Station } from "@carecircle/shared";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  book,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  closeAllSockets,
  connectSocket,
  hoursFromNow,
  moveSlot,
  nextEvent,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
let staffA: Account;
let staffB: Account;
let stationA: Station;
let stationB: Station;
beforeAll(async () => {
  staffA = await buildStaff(srv, "station_staff", "张老师");
  staffB = await buildStaff(srv, "station_staff", "赵老师");
  stationA = await buildStation(srv, { name: "阳光站", maxBookingsPerWeek: 10 }, { staff: [staffA] });
  stationB = await buildStation(srv, { name: "和平站" }, { staff: [staffB] });
});
afterEach(() => closeAllSockets());

const HOUR = 3_600_000;
/** Asia/Shanghai local date of an instant. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
/** 10:00 Shanghai time `days` local days from today. */
const tenAm = (days: number) => `${shanghaiDate(Date.now() + days * 24 * HOUR)}T10:00:00+08:00`;
const roster = (who: Account, stationId: string, date?: string) =>
  srv.http
    .get(`/api/stations/${stationId}/roster`)
    .query(date ? { date } : {})
    .set("Authorization", who.auth);
const HANDOVER = {
  "check-in": { broughtBy: { name: "外婆", relation: "外婆" } },
  "check-out": { collectedBy: { name: "妈妈", relation: "妈妈" } },
  "no-show": undefined,
};
const mark = (who: Account, id: string, action: "check-in" | "check-out" | "no-show") =>
  srv.http.post(`/api/bookings/${id}/${action}`).set("Authorization", who.auth).send(HANDOVER[action]);

describe("the station roster and need-to-know care notes", () => {
  it("shows this station's staff the children booked, with care notes only from the day before to the day after", async () => {
    const fam = await buildFamily(srv, {
      careNotes: { allergies: "花生过敏", calming: "蓝色毯子" },
      emergencyContact: { name: "外婆", phone: "13900001111" },
    });
    const tomorrow = (await buildSlot(srv, { station: stationA, startsAt: tenAm(1) })).slot;
    const later = (await buildSlot(srv, { station: stationA, startsAt: tenAm(4) })).slot;
    const yesterday = (await buildSlot(srv, { station: stationA, startsAt: tenAm(2), capacity: 3 })).slot;
    const longAgo = (await buildSlot(srv, { station: stationA, startsAt: tenAm(3), capacity: 3 })).slot;
    for (const s of [tomorrow, later, yesterday, longAgo])
      await bookOk(srv, fam.caregiver, s.id, fam.child.id);
    await moveSlot(
      srv,
      yesterday.id,
      new Date(Date.parse(tenAm(-1))),
      new Date(Date.parse(tenAm(-1)) + 2 * HOUR),
    );
    await moveSlot(
      srv,
      longAgo.id,
      new Date(Date.parse(tenAm(-3))),
      new Date(Date.parse(tenAm(-3)) + 2 * HOUR),
    );

    const visible = async (days: number) => {
      const res = await roster(staffA, stationA.id, shanghaiDate(Date.now() + days * 24 * HOUR));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const body = res.body as Roster;
      const entries = body.slots.flatMap((s) => s.entries).filter((e) => e.child.id === fam.child.id);
      expect(entries).toHaveLength(1);
      return entries[0]!;
    };
    const t = await visible(1);
    expect(t.child).toMatchObject({
      careNotesVisible: true,
      careNotes: { allergies: "花生过敏", calming: "蓝色毯子" },
      emergencyContact: { name: "外婆", phone: "13900001111" },
    });
    expect(t.family.caregivers.map((c) => c.id)).toEqual([fam.caregiver.id]);
    expect((await visible(-1)).child.careNotesVisible).toBe(true);
    const far = await visible(4);
    expect(far.child).toMatchObject({ careNotesVisible: false, careNotes: null, emergencyContact: null });
    expect((await visible(-3)).child.careNotes).toBeNull();

    // Admins see the roster but are not in the need-to-know circle.
    const admin = await buildAdmin(srv);
    const adminView = await roster(admin, stationA.id, shanghaiDate(Date.now() + 24 * HOUR));
    expect(adminView.status).toBe(200);
    expect(JSON.stringify(adminView.body)).not.toContain("花生过敏");

    // Care notes leave only through the roster: not through bookings, slots or the child profile.
    const b = await srv.http.get("/api/bookings").set("Authorization", fam.caregiver.auth);
    expect(JSON.stringify(b.body)).not.toContain("花生过敏");
    const one = await srv.http
      .get(`/api/bookings/${b.body.bookings[0].id}`)
      .set("Authorization", staffA.auth);
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).not.toContain("花生过敏");
    expect(
      (await srv.http.get(`/api/children/${fam.child.id}`).set("Authorization", staffA.auth)).status,
    ).toBe(403);
  });

  it("station staff of station A cannot read station B's roster, bookings or care notes", async () => {
    const fam = await buildFamily(srv, { careNotes: { medication: "巴氯芬 5mg" } });
    const { slot } = await buildSlot(srv, { station: stationB, startsAt: tenAm(1) });
    const booking = await bookOk(srv, fam.caregiver, slot.id, fam.child.id);

    const own = await roster(staffB, stationB.id, shanghaiDate(Date.now() + 24 * HOUR));
    expect(JSON.stringify(own.body)).toContain("巴氯芬 5mg");

    const other = await roster(staffA, stationB.id, shanghaiDate(Date.now() + 24 * HOUR));
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("NOT_FOUND");
    expect(JSON.stringify(other.body)).not.toContain("巴氯芬");
    expect((await srv.http.get(`/api/bookings/${booking.id}`).set("Authorization", staffA.auth)).status).toBe(
      404,
    );
    expect((await mark(staffA, booking.id, "check-in")).status).toBe(404);
    expect(
      (await srv.http.post(`/api/bookings/${booking.id}/cancel`).set("Authorization", staffA.auth)).status,
    ).toBe(404);

    // Roles that never read rosters are refused outright.
    const sw = await buildStaff(srv, "social_worker");
    expect((await roster(fam.caregiver, stationB.id)).status).toBe(403);
    expect((await roster(sw, stationB.id)).status).toBe(403);
    expect((await roster(staffA, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("attendance", () => {
  it("checks a child in and out, counts no-shows per family, and pushes each change live", async () => {
    const fam = await buildFamily(srv);
    const soon = (await buildSlot(srv, { station: stationA, startsAt: hoursFromNow(1) })).slot;
    const other = (await buildSlot(srv, { station: stationA, startsAt: hoursFromNow(5) })).slot;
    const staffSocket = await connectSocket(srv, staffA.token);
    const familySocket = await connectSocket(srv, fam.caregiver.token);
    const staffSees = nextEvent(staffSocket, "booking:updated", (b) => b.slotId === soon.id);
    const b1 = await bookOk(srv, fam.caregiver, soon.id, fam.child.id);
    expect((await staffSees).status).toBe("confirmed");
    const b2 = await bookOk(srv, fam.caregiver, other.id, fam.child.id);

    expect((await mark(fam.caregiver, b1.id, "check-in")).status).toBe(403);
    expect((await mark(staffA, b1.id, "check-out")).status).toBe(409);
    const liveIn = nextEvent(
      familySocket,
      "booking:updated",
      (b) => b.id === b1.id && b.status === "checked_in",
    );
    const checkIn = await mark(staffA, b1.id, "check-in");
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
    expect(checkIn.body.booking).toMatchObject({ status: "checked_in", checkedInAt: expect.any(String) });
    await liveIn;
    expect((await mark(staffA, b1.id, "check-in")).body.error.code).toBe("CONFLICT");
    const out = await mark(staffA, b1.id, "check-out");
    expect(out.body.booking).toMatchObject({ status: "completed", checkedOutAt: expect.any(String) });

    const early = await mark(staffA, b2.id, "no-show");
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe("not_started");
    await moveSlot(srv, other.id, new Date(Date.now() - 30 * 60_000), new Date(Date.now() + HOUR));
    const noShow = await mark(staffA, b2.id, "no-show");
    expect(noShow.body.booking.status).toBe("no_show");

    const detail = await srv.http.get(`/api/bookings/${b1.id}`).set("Authorization", fam.caregiver.auth);
    expect(detail.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      "confirmed",
      "checked_in",
      "completed",
    ]);
    expect(detail.body.history[1].actor).toMatchObject({ id: staffA.id, role: "station_staff" });
    const list = await srv.http.get("/api/bookings").set("Authorization", fam.caregiver.auth);
    expect(list.body.stats.noShowCount).toBe(1);
    expect(list.body.stats.hoursLast30Days).toBeGreaterThan(0);
    const day = await roster(staffA, stationA.id);
    const entry = (day.body as Roster).slots.flatMap((s) => s.entries).find((e) => e.booking.id === b2.id);
    expect(entry?.family.noShowCount).toBe(1);
  });

  it("lets staff book on behalf of a family their station already serves, and no other", async () => {
    const known = await buildFamily(srv);
    const stranger = await buildFamily(srv);
    const past = (await buildSlot(srv, { station: stationA, startsAt: tenAm(2) })).slot;
    await bookOk(srv, known.caregiver, past.id, known.child.id);
    const next = (await buildSlot(srv, { station: stationA, startsAt: tenAm(6) })).slot;
    const res = await book(srv, staffA, next.id, known.child.id);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.booking).toMatchObject({ onBehalf: true, bookedBy: staffA.id });
    expect((await book(srv, staffA, next.id, stranger.child.id)).status).toBe(404);
    const atB = (await buildSlot(srv, { station: stationB, startsAt: tenAm(7) })).slot;
    expect((await book(srv, staffA, atB.id, known.child.id)).status).toBe(404);
  });
});
