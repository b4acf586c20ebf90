import type { Booking, Checkin, CheckinList } from "@carecircle/shared";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Account,
  ageCheckins,
  assignSocialWorker,
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  closeAllSockets,
  hoursFromNow,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

// Issue 14 #11: the waitlist order used the family's latest stress score, which caregivers may
// report as often as they like. Now it is the last score before the booking joined the waitlist,
// only each day's first check-in counts, and staff see check-ins that closely precede a waitlist
// join (decision 088).
const srv = useTestServer();
afterEach(() => closeAllSockets());

const checkin = async (who: Account, stress: number) => {
  const res = await srv.http.post("/api/checkins").set("Authorization", who.auth).send({ stress });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};
const position = async (who: Account, b: Booking) => {
  const res = await srv.http.get(`/api/bookings/${b.id}`).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.booking as Booking).waitlistPosition;
};

/** A full slot (capacity 1, held by another family) to wait for. */
async function fullSlot() {
  const station = await buildStation(srv);
  const { slot } = await buildSlot(srv, { station, capacity: 1, startsAt: hoursFromNow(72) });
  const holder = await buildFamily(srv);
  await bookOk(srv, holder.caregiver, slot.id, holder.child.id);
  return slot;
}

describe("the waitlist stress score cannot be gamed", () => {
  it("a check-in after joining the waitlist does not move the family up", async () => {
    const slot = await fullSlot();
    const A = await buildFamily(srv);
    const B = await buildFamily(srv);
    await checkin(A.caregiver, 3);
    await checkin(B.caregiver, 2);
    const a = await bookOk(srv, A.caregiver, slot.id, A.child.id, true);
    const b = await bookOk(srv, B.caregiver, slot.id, B.child.id, true);
    // B reports the highest stress, again and again, once on the waitlist.
    for (let i = 0; i < 3; i++) await checkin(B.caregiver, 5);
    expect([await position(A.caregiver, a), await position(B.caregiver, b)]).toEqual([1, 2]);
  });

  it("only a day's first check-in counts", async () => {
    const slot = await fullSlot();
    const C = await buildFamily(srv);
    const D = await buildFamily(srv);
    await checkin(C.caregiver, 1);
    await checkin(C.caregiver, 5); // a second check-in the same day, just before joining
    await checkin(D.caregiver, 4);
    await ageCheckins(srv, D.caregiver.familyId!, 1);
    await checkin(D.caregiver, 3); // yesterday 4, today 3: today's first counts
    const c = await bookOk(srv, C.caregiver, slot.id, C.child.id, true);
    const d = await bookOk(srv, D.caregiver, slot.id, D.child.id, true);
    expect([await position(D.caregiver, d), await position(C.caregiver, c)]).toEqual([1, 2]);
  });

  it("the family's social worker sees check-ins made just before a waitlist join; the caregiver does not", async () => {
    const slot = await fullSlot();
    const E = await buildFamily(srv);
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, E.caregiver.familyId!, sw.id);
    await checkin(E.caregiver, 2);
    await ageCheckins(srv, E.caregiver.familyId!, 2);
    await checkin(E.caregiver, 5);
    await bookOk(srv, E.caregiver, slot.id, E.child.id, true);
    await checkin(E.caregiver, 4); // after the join: not "before a waitlist"

    const staff = await srv.http
      .get(`/api/checkins?familyId=${E.caregiver.familyId}`)
      .set("Authorization", sw.auth);
    expect(staff.status).toBe(200);
    const flags = (staff.body as CheckinList).checkins.map((c: Checkin) => [c.stress, c.beforeWaitlist]);
    expect(flags).toEqual([
      [4, false],
      [5, true],
      [2, false],
    ]);
    const own = await srv.http.get("/api/checkins").set("Authorization", E.caregiver.auth);
    expect(own.status).toBe(200);
    for (const c of (own.body as CheckinList).checkins) expect(c).not.toHaveProperty("beforeWaitlist");
  });
});
