import type { BookingEvent, Roster, Station } from "@carecircle/shared";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  closeAllSockets,
  connectSocket,
  nextEvent,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

// Issue 14 #5: station staff could open the care-notes window by booking a child for tomorrow on
// the family's behalf and then reading the roster. Now such a booking opens nothing until a
// caregiver of the family confirms it (decision 088).
const srv = useTestServer();
let staff: Account;
let station: Station;
beforeAll(async () => {
  staff = await buildStaff(srv, "station_staff", "钱老师");
  station = await buildStation(srv, { name: "向阳站", maxBookingsPerWeek: 10 }, { staff: [staff] });
});
afterEach(() => closeAllSockets());

const HOUR = 3_600_000;
const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const tenAm = (days: number) => `${shanghaiDate(Date.now() + days * 24 * HOUR)}T10:00:00+08:00`;
const NOTES = { allergies: "花生过敏", calming: "蓝色毯子" };

/** A family the station already serves (it booked a later visit itself), with care notes. */
async function knownFamily() {
  const fam = await buildFamily(srv, { careNotes: NOTES });
  const later = (await buildSlot(srv, { station, startsAt: tenAm(6) })).slot;
  await bookOk(srv, fam.caregiver, later.id, fam.child.id);
  return fam;
}

async function rosterEntry(bookingId: string) {
  const res = await srv.http
    .get(`/api/stations/${station.id}/roster`)
    .query({ date: shanghaiDate(Date.now() + 24 * HOUR) })
    .set("Authorization", staff.auth);
  expect(res.status).toBe(200);
  const entries = (res.body as Roster).slots.flatMap((s) => s.entries);
  return entries.find((e) => e.booking.id === bookingId)!;
}

const confirm = (who: Account, id: string) =>
  srv.http.post(`/api/bookings/${id}/family-confirm`).set("Authorization", who.auth);

describe("staff bookings on the family's behalf", () => {
  it("do not open the care notes until a caregiver confirms; the family is told at once", async () => {
    const fam = await knownFamily();
    const tomorrow = (await buildSlot(srv, { station, startsAt: tenAm(1) })).slot;
    const socket = await connectSocket(srv, fam.caregiver.token);
    const told = nextEvent(socket, "notification:new", (n) => n.kind === "booking_on_behalf");
    const live = nextEvent(socket, "booking:updated", (b) => b.slotId === tomorrow.id);

    const booked = await bookOk(srv, staff, tomorrow.id, fam.child.id);
    expect(booked).toMatchObject({ onBehalf: true, awaitingFamily: true, status: "confirmed" });
    expect((await told).payload).toMatchObject({ bookingId: booked.id, childId: fam.child.id });
    expect(await live).toMatchObject({ id: booked.id, awaitingFamily: true });

    // The attack: the roster for tomorrow shows the booking as unconfirmed, without notes.
    const before = await rosterEntry(booked.id);
    expect(before.booking.awaitingFamily).toBe(true);
    expect(before.child).toMatchObject({ careNotesVisible: false, careNotes: null, emergencyContact: null });
    expect(JSON.stringify(before)).not.toContain("花生过敏");
    // Nor the family's phone numbers, which follow the same window (decision 074).
    const contacts = () =>
      srv.http.get(`/api/families/${fam.caregiver.familyId}/contacts`).set("Authorization", staff.auth);
    expect((await contacts()).status).toBe(404);

    // Only a caregiver of the family confirms; staff, other families and admins cannot.
    const stranger = await buildFamily(srv);
    expect((await confirm(stranger.caregiver, booked.id)).status).toBe(404);
    expect((await confirm(staff, booked.id)).status).toBe(403);
    const ok = await confirm(fam.caregiver, booked.id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.booking).toMatchObject({ id: booked.id, awaitingFamily: false, status: "confirmed" });
    expect((await confirm(fam.caregiver, booked.id)).status).toBe(200);

    const after = await rosterEntry(booked.id);
    expect(after.booking.awaitingFamily).toBe(false);
    expect(after.child).toMatchObject({ careNotesVisible: true, careNotes: NOTES });
    expect((await contacts()).status).toBe(200);
    const detail = await srv.http.get(`/api/bookings/${booked.id}`).set("Authorization", fam.caregiver.auth);
    expect((detail.body.history as BookingEvent[]).map((h) => h.reason)).toEqual([
      expect.stringContaining("on behalf of the family by station_staff"),
      "confirmed by the family",
    ]);
  });

  it("a booking by the family's social worker or the family itself needs no confirmation", async () => {
    const fam = await knownFamily();
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, fam.caregiver.familyId!, sw.id);
    const tomorrow = (await buildSlot(srv, { station, startsAt: tenAm(1) })).slot;
    const bySw = await bookOk(srv, sw, tomorrow.id, fam.child.id);
    expect(bySw).toMatchObject({ onBehalf: true, awaitingFamily: false });
    expect((await rosterEntry(bySw.id)).child).toMatchObject({ careNotesVisible: true, careNotes: NOTES });

    const own = await buildFamily(srv, { careNotes: NOTES });
    const mine = await bookOk(srv, own.caregiver, tomorrow.id, own.child.id);
    expect(mine).toMatchObject({ onBehalf: false, awaitingFamily: false });
    expect((await rosterEntry(mine.id)).child.careNotesVisible).toBe(true);
  });
});
