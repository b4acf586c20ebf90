import type { Booking, BookingEvent, Notification } from "@carecircle/shared";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Account,
  ageCheckins,
  assignSocialWorker,
  bookingCounts,
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  closeAllSockets,
  collect,
  connectSocket,
  giveCareHours,
  hoursFromNow,
  moveSlot,
  nextEvent,
  slotRow,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
afterEach(() => closeAllSockets());

const checkin = async (who: Account, stress: number) => {
  const res = await srv.http.post("/api/checkins").set("Authorization", who.auth).send({ stress });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};
/** Is this instant a Monday in Asia/Shanghai (UTC+8, no DST)? Then the day after is in the same week. */
const isShanghaiMonday = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).getUTCDay() === 1;
const cancel = (who: Account, bookingId: string) =>
  srv.http.post(`/api/bookings/${bookingId}/cancel`).set("Authorization", who.auth).send({});
const getBooking = async (who: Account, id: string) => {
  const res = await srv.http.get(`/api/bookings/${id}`).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { booking: Booking; history: BookingEvent[] };
};

describe("the waitlist order and self-promotion", () => {
  it("promotes exactly the highest-priority family: urgent, then recent stress, then fewer hours, then first come", async () => {
    const station = await buildStation(srv);
    const { slot } = await buildSlot(srv, { station, capacity: 1, startsAt: hoursFromNow(96) });
    const holder = await buildFamily(srv);
    const held = await bookOk(srv, holder.caregiver, slot.id, holder.child.id);
    const sw = await buildStaff(srv, "social_worker");

    // Join order: A, E, C, B, F, D (first come alone would promote A).
    const A = await buildFamily(srv); // no check-in, no hours
    const E = await buildFamily(srv); // stress 5, but 40 days ago: does not count
    const C = await buildFamily(srv); // stress 5, but 10 hours of care received lately
    const B = await buildFamily(srv); // stress 5, no hours
    const F = await buildFamily(srv); // stress 5, no hours, joined after B
    const D = await buildFamily(srv); // urgent (social worker), stress 1
    // Check-ins before joining: only the score before a booking joined the waitlist counts.
    await checkin(E.caregiver, 5);
    await ageCheckins(srv, E.caregiver.familyId!, 40);
    await checkin(C.caregiver, 5);
    await giveCareHours(srv, { familyId: C.caregiver.familyId!, childId: C.child.id }, station.id, 10);
    await checkin(B.caregiver, 5);
    await checkin(F.caregiver, 5);
    await checkin(D.caregiver, 1);
    const joined: Record<string, Booking> = {};
    for (const [name, fam] of Object.entries({ A, E, C, B, F, D }))
      joined[name] = await bookOk(srv, fam.caregiver, slot.id, fam.child.id, true);
    expect(Object.values(joined).every((b) => b.status === "waitlisted")).toBe(true);
    await assignSocialWorker(srv, D.caregiver.familyId!, sw.id);
    const urgent = await srv.http
      .put(`/api/families/${D.caregiver.familyId}/urgent`)
      .set("Authorization", sw.auth)
      .send({ urgent: true, note: "母亲住院" });
    expect(urgent.status, JSON.stringify(urgent.body)).toBe(200);
    expect(urgent.body).toMatchObject({ urgent: true });

    const expected = ["D", "B", "F", "C", "A", "E"];
    const fams = { A, B, C, D, E, F };
    for (const [i, name] of expected.entries()) {
      const { booking } = await getBooking(fams[name as keyof typeof fams].caregiver, joined[name]!.id);
      expect({ name, position: booking.waitlistPosition }).toEqual({ name, position: i + 1 });
    }

    // D is told live: a notification and the booking update, after the change committed.
    const socket = await connectSocket(srv, D.caregiver.token);
    const others = await connectSocket(srv, B.caregiver.token);
    const otherUpdates = collect(others, "booking:updated");
    const note = nextEvent(socket, "notification:new", (n) => n.kind === "booking_promoted");
    const update = nextEvent(socket, "booking:updated", (b) => b.id === joined.D!.id);
    expect((await cancel(holder.caregiver, held.id)).status).toBe(200);

    const live = await update;
    expect(live.status).toBe("confirmed");
    expect(live.graceUntil).not.toBeNull();
    const n = await note;
    expect(n.payload).toMatchObject({ bookingId: joined.D!.id, slotId: slot.id, stationId: station.id });
    const list = await srv.http.get("/api/notifications").set("Authorization", D.caregiver.auth);
    expect(list.body.notifications.map((x: Notification) => x.kind)).toContain("booking_promoted");

    // Exactly one promotion; everyone else still waits, in order.
    expect(await bookingCounts(srv, slot.id)).toMatchObject({ confirmed: 1, waitlisted: 5, cancelled: 1 });
    expect((await slotRow(srv, slot.id)).confirmed_count).toBe(1);
    expect(otherUpdates.filter((b) => b.status === "confirmed")).toEqual([]);
    const dHistory = (await getBooking(D.caregiver, joined.D!.id)).history;
    expect(dHistory.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "waitlisted"],
      ["waitlisted", "confirmed"],
    ]);
    expect(dHistory[1]!.actor?.id).toBe(holder.caregiver.id);
    expect(dHistory[1]!.reason).toMatch(/promoted/);

    // The next seat goes to the next in order, B.
    expect((await cancel(D.caregiver, joined.D!.id)).status).toBe(200);
    expect((await getBooking(B.caregiver, joined.B!.id)).booking.status).toBe("confirmed");
    expect((await getBooking(F.caregiver, joined.F!.id)).booking).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 1,
    });
  });

  it("skips a family whose child is now busy or whose quota is reached; they stay waitlisted with the reason", async () => {
    const station = await buildStation(srv, { maxBookingsPerWeek: 1 });
    const startsAt = hoursFromNow(24 * 5);
    const { slot } = await buildSlot(srv, { station, capacity: 1, startsAt });
    const holder = await buildFamily(srv);
    const held = await bookOk(srv, holder.caregiver, slot.id, holder.child.id);

    const busy = await buildFamily(srv);
    const quota = await buildFamily(srv);
    const next = await buildFamily(srv);
    // Both would come first: they were under more stress when they joined.
    await checkin(busy.caregiver, 5);
    await checkin(quota.caregiver, 4);
    const wBusy = await bookOk(srv, busy.caregiver, slot.id, busy.child.id, true);
    const wQuota = await bookOk(srv, quota.caregiver, slot.id, quota.child.id, true);
    const wNext = await bookOk(srv, next.caregiver, slot.id, next.child.id, true);

    // After joining, busy's child books an overlapping slot elsewhere...
    const elsewhere = await buildSlot(srv, {
      startsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
    });
    await bookOk(srv, busy.caregiver, elsewhere.slot.id, busy.child.id);
    // ...and quota's family uses its one weekly booking at this station on another day that week.
    const sameWeek = await buildSlot(srv, {
      station,
      startsAt: new Date(
        Date.parse(startsAt) + (isShanghaiMonday(startsAt) ? 1 : -1) * 86_400_000,
      ).toISOString(),
    });
    await bookOk(srv, quota.caregiver, sameWeek.slot.id, quota.child.id);

    expect((await cancel(holder.caregiver, held.id)).status).toBe(200);
    const b = await getBooking(busy.caregiver, wBusy.id);
    expect(b.booking).toMatchObject({ status: "waitlisted", skipReason: "overlap" });
    expect(b.history.at(-1)).toMatchObject({
      fromStatus: "waitlisted",
      toStatus: "waitlisted",
      reason: "skipped: overlap",
    });
    const q = await getBooking(quota.caregiver, wQuota.id);
    expect(q.booking).toMatchObject({ status: "waitlisted", skipReason: "quota_reached" });
    expect((await getBooking(next.caregiver, wNext.id)).booking.status).toBe("confirmed");
    expect(await bookingCounts(srv, slot.id)).toMatchObject({ confirmed: 1, waitlisted: 2 });
  });

  it("raising a slot's capacity promotes from the waitlist at once; lowering below the seats taken is refused", async () => {
    const { slot } = await buildSlot(srv, { capacity: 1, startsAt: hoursFromNow(80) });
    const fams = [
      await buildFamily(srv),
      await buildFamily(srv),
      await buildFamily(srv),
      await buildFamily(srv),
    ];
    await bookOk(srv, fams[0]!.caregiver, slot.id, fams[0]!.child.id);
    const waiting = [];
    for (const f of fams.slice(1)) waiting.push(await bookOk(srv, f.caregiver, slot.id, f.child.id, true));
    const staff = await buildStaff(srv, "social_worker");

    const raised = await srv.http
      .patch(`/api/slots/${slot.id}`)
      .set("Authorization", staff.auth)
      .send({ capacity: 3 });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body).toMatchObject({ capacity: 3, confirmedCount: 3, seatsLeft: 0, waitlistCount: 1 });
    expect((await getBooking(fams[1]!.caregiver, waiting[0]!.id)).booking.status).toBe("confirmed");
    expect((await getBooking(fams[2]!.caregiver, waiting[1]!.id)).booking.status).toBe("confirmed");
    expect((await getBooking(fams[3]!.caregiver, waiting[2]!.id)).booking.status).toBe("waitlisted");

    const lowered = await srv.http
      .patch(`/api/slots/${slot.id}`)
      .set("Authorization", staff.auth)
      .send({ capacity: 2 });
    expect(lowered.status).toBe(409);
    expect(lowered.body.error).toMatchObject({ code: "CONFLICT", details: { confirmedCount: 3 } });
    expect(await slotRow(srv, slot.id)).toMatchObject({ capacity: 3, confirmed_count: 3 });
  });

  it("a promoted family may cancel freely during its grace period even past the cut-off", async () => {
    const { slot } = await buildSlot(srv, { capacity: 1, startsAt: hoursFromNow(10) }); // cut-off 24 h: passed
    const first = await buildFamily(srv);
    const second = await buildFamily(srv);
    const held = await bookOk(srv, first.caregiver, slot.id, first.child.id);
    const waiting = await bookOk(srv, second.caregiver, slot.id, second.child.id, true);

    const late = await cancel(first.caregiver, held.id);
    expect(late.status).toBe(200);
    expect(late.body.booking).toMatchObject({ status: "cancelled", lateCancel: true });

    const promoted = (await getBooking(second.caregiver, waiting.id)).booking;
    expect(promoted.status).toBe("confirmed");
    expect(Date.parse(promoted.graceUntil!)).toBeGreaterThan(Date.now() + 60 * 60_000);
    expect(Date.parse(promoted.freeCancelUntil)).toBe(Date.parse(promoted.graceUntil!));
    const free = await cancel(second.caregiver, waiting.id);
    expect(free.status).toBe(200);
    expect(free.body.booking).toMatchObject({ status: "cancelled", lateCancel: false });
    expect(await slotRow(srv, slot.id)).toMatchObject({ confirmed_count: 0 });
  });

  it("closes a slot's waitlist once the slot has started (hourly housekeeping), with a history entry", async () => {
    const { slot } = await buildSlot(srv, { capacity: 1, startsAt: hoursFromNow(3) });
    const a = await buildFamily(srv);
    const b = await buildFamily(srv);
    await bookOk(srv, a.caregiver, slot.id, a.child.id);
    const w = await bookOk(srv, b.caregiver, slot.id, b.child.id, true);
    expect(await srv.cc.services.booking.bookings.closeStartedWaitlists()).toBe(0);
    await moveSlot(srv, slot.id, new Date(Date.now() - 60_000), new Date(Date.now() + 3_600_000));
    const socket = await connectSocket(srv, b.caregiver.token);
    const live = nextEvent(socket, "booking:updated", (x) => x.id === w.id);
    expect(await srv.cc.services.booking.bookings.closeStartedWaitlists()).toBe(1);
    expect((await live).status).toBe("cancelled");
    const { booking, history } = await getBooking(b.caregiver, w.id);
    expect(booking.status).toBe("cancelled");
    expect(history.at(-1)).toMatchObject({ fromStatus: "waitlisted", toStatus: "cancelled", actor: null });
    expect(await bookingCounts(srv, slot.id)).toMatchObject({ confirmed: 1, cancelled: 1 });
  });

  it("leaving the waitlist is never late and frees nothing", async () => {
    const { slot } = await buildSlot(srv, { capacity: 1, startsAt: hoursFromNow(5) });
    const a = await buildFamily(srv);
    const b = await buildFamily(srv);
    await bookOk(srv, a.caregiver, slot.id, a.child.id);
    const w = await bookOk(srv, b.caregiver, slot.id, b.child.id, true);
    const left = await cancel(b.caregiver, w.id);
    expect(left.body.booking).toMatchObject({ status: "cancelled", lateCancel: false });
    expect(await slotRow(srv, slot.id)).toMatchObject({ confirmed_count: 1 });
    const again = await cancel(b.caregiver, w.id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CONFLICT", details: { status: "cancelled" } });
  });
});
