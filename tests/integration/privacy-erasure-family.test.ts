import { sql } from "@carecircle/server";
import type { AccountDeletionPreview, Checkin, Child, Family } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  bookOk,
  buildCaregiver,
  buildChild,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
  joinFamily,
  moveSlot,
  sqlCount,
} from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const HOUR = 3_600_000;

const deleteAccount = (who: Account) =>
  srv.http.post("/api/me/delete").set("Authorization", who.auth).send({ password: who.password });

/** A caregiver and a second caregiver who joined the same family with its invite code. */
async function twoCaregivers(): Promise<{ mum: Account; grandma: Account }> {
  const mum = await buildCaregiver(srv, { displayName: "妈妈" });
  const grandma = await joinFamily(srv, mum, { displayName: "奶奶" });
  expect(grandma.familyId).toBe(mum.familyId);
  return { mum, grandma };
}

describe("while another caregiver remains, only the leaving person's own data goes", () => {
  it("grandma leaves: the children, bookings and mum's check-ins stay with mum; grandma's check-ins go", async () => {
    const { mum, grandma } = await twoCaregivers();
    const child = await buildChild(srv, mum, { careNotes: { calming: "抱着蓝色毯子" } });
    const { slot } = await buildSlot(srv);
    const booking = await bookOk(srv, grandma, slot.id, child.id);
    for (const [who, stress] of [
      [mum, 3],
      [grandma, 5],
    ] as const)
      await srv.http.post("/api/checkins").set("Authorization", who.auth).send({ stress }).expect(201);

    const preview = (await srv.http.get("/api/me/deletion").set("Authorization", grandma.auth))
      .body as AccountDeletionPreview;
    expect(preview).toEqual({
      allowed: true,
      blockers: [],
      familyErased: false,
      otherCaregivers: [{ displayName: "妈妈" }],
      counts: { messages: 0, children: 0, activeBookings: 0, checkins: 1 },
    });

    const res = await deleteAccount(grandma);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      familyErased: false,
      childrenErased: 0,
      bookingsCancelled: 0,
      checkinsErased: 1,
    });

    const family = (await srv.http.get("/api/family").set("Authorization", mum.auth)).body as Family;
    expect(family.caregivers.map((c) => c.displayName)).toEqual(["妈妈"]);
    const kept = (await srv.http.get(`/api/children/${child.id}`).set("Authorization", mum.auth))
      .body as Child;
    expect(kept.careNotes).toEqual({ calming: "抱着蓝色毯子" });
    const b = await srv.http.get(`/api/bookings/${booking.id}`).set("Authorization", mum.auth);
    expect(b.body.booking).toMatchObject({ status: "confirmed", bookedBy: null });
    const checkins = (await srv.http.get("/api/checkins").set("Authorization", mum.auth)).body
      .checkins as Checkin[];
    expect(checkins.map((c) => [c.user?.displayName, c.stress])).toEqual([["妈妈", 3]]);
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM users WHERE id = ${grandma.id}::uuid`)).toBe(0);
    expect((await srv.http.get("/api/me").set("Authorization", grandma.auth)).status).toBe(401);

    // Then mum, now the last caregiver, leaves too: the family goes, the seat is freed.
    const last = (await srv.http.get("/api/me/deletion").set("Authorization", mum.auth))
      .body as AccountDeletionPreview;
    expect(last).toMatchObject({
      familyErased: true,
      counts: { children: 1, activeBookings: 1, checkins: 1 },
    });
    expect((await deleteAccount(mum)).body).toMatchObject({
      familyErased: true,
      childrenErased: 1,
      bookingsCancelled: 1,
    });
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM children WHERE id = ${child.id}::uuid`)).toBe(0);
    expect(await sqlCount(srv, sql`SELECT confirmed_count AS n FROM slots WHERE id = ${slot.id}::uuid`)).toBe(
      0,
    );
  });

  it("both caregivers delete at the same moment: the family is erased exactly once, nothing is orphaned", async () => {
    const { mum, grandma } = await twoCaregivers();
    const child = await buildChild(srv, mum);
    const { slot } = await buildSlot(srv, { capacity: 2 });
    await bookOk(srv, mum, slot.id, child.id);
    const [a, b] = await Promise.all([deleteAccount(mum), deleteAccount(grandma)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.familyErased, b.body.familyErased].sort()).toEqual([false, true]);
    expect(
      await sqlCount(srv, sql`SELECT count(*) AS n FROM families WHERE id = ${mum.familyId}::uuid`),
    ).toBe(0);
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM children WHERE id = ${child.id}::uuid`)).toBe(0);
    expect(await sqlCount(srv, sql`SELECT confirmed_count AS n FROM slots WHERE id = ${slot.id}::uuid`)).toBe(
      0,
    );
  });
});

describe("a child at a station right now", () => {
  it("blocks erasing the family (staff need the care notes) and changes nothing", async () => {
    const mum = await buildCaregiver(srv);
    const child = await buildChild(srv, mum);
    const staff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv, {}, { staff: [staff] });
    const { slot } = await buildSlot(srv, { station, startsAt: hoursFromNow(30) });
    const booking = await bookOk(srv, mum, slot.id, child.id);
    await moveSlot(srv, slot.id, new Date(Date.now() - HOUR), new Date(Date.now() + HOUR));

    const preview = (await srv.http.get("/api/me/deletion").set("Authorization", mum.auth))
      .body as AccountDeletionPreview;
    expect(preview).toMatchObject({ allowed: false, blockers: ["visit_in_progress"], familyErased: true });

    await srv.http
      .post(`/api/bookings/${booking.id}/check-in`)
      .set("Authorization", staff.auth)
      .send({ broughtBy: { name: "外婆", relation: "外婆" } })
      .expect(200);
    const before = await databaseFingerprint(srv.cc.deps.db);
    const res = await deleteAccount(mum);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "CONFLICT", details: { reason: "visit_in_progress" } });
    expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);

    // After check-out the visit is over and the account can go.
    await srv.http
      .post(`/api/bookings/${booking.id}/check-out`)
      .set("Authorization", staff.auth)
      .send({ collectedBy: { name: "外婆", relation: "外婆" } })
      .expect(200);
    expect((await deleteAccount(mum)).status).toBe(200);
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM bookings WHERE id = ${booking.id}::uuid`)).toBe(
      0,
    );
  });
});
