import { sql } from "@carecircle/server";
import type { Booking } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  book,
  bookingCounts,
  bookOk,
  buildCaregiver,
  buildChild,
  buildFamiliesFast,
  buildSlot,
  buildStation,
  hoursFromNow,
  slotRow,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

describe("capacity under real concurrency", () => {
  it("200 concurrent requests from 200 families for a 10-seat slot confirm exactly 10, never 11", async () => {
    const { slot } = await buildSlot(srv, { capacity: 10 });
    const families = await buildFamiliesFast(srv, 200);
    // Half ask to be waitlisted when full, half do not.
    const responses = await Promise.all(
      families.map((f, i) => book(srv, f.caregiver, slot.id, f.child.id, i % 2 === 0)),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const confirmed = responses.filter((r) => r.status === 201 && r.body.booking.status === "confirmed");
    const waitlisted = responses.filter((r) => r.status === 201 && r.body.booking.status === "waitlisted");
    const refused = responses.filter((r) => r.status === 409);
    expect(confirmed).toHaveLength(10);
    expect(confirmed.length + waitlisted.length + refused.length).toBe(200);
    for (const r of refused) expect(r.body.error.code).toBe("SLOT_FULL");
    // Only families that asked for the waitlist are on it.
    for (const r of waitlisted) {
      const i = families.findIndex((f) => f.child.id === r.body.booking.childId);
      expect(i % 2).toBe(0);
    }

    // The database agrees: exactly 10 seats taken, by 10 confirmed bookings.
    expect(await slotRow(srv, slot.id)).toMatchObject({ capacity: 10, confirmed_count: 10 });
    const counts = await bookingCounts(srv, slot.id);
    expect(counts.confirmed).toBe(10);
    expect(counts.waitlisted ?? 0).toBe(waitlisted.length);
    expect(counts.waitlisted).toBe(
      100 -
        confirmed.filter((r) => {
          const i = families.findIndex((f) => f.child.id === r.body.booking.childId);
          return i % 2 === 0;
        }).length,
    );

    const seen = await srv.http
      .get(`/api/slots/${slot.id}`)
      .set("Authorization", families[0]!.caregiver.auth);
    expect(seen.body).toMatchObject({ seatsLeft: 0, confirmedCount: 10, waitlistCount: waitlisted.length });
  }, 120_000);

  it("the same child racing for two overlapping slots at different stations gets one booking and one 409 CONFLICT", async () => {
    const caregiver = await buildCaregiver(srv);
    const child = await buildChild(srv, caregiver);
    for (let round = 0; round < 5; round++) {
      const startsAt = hoursFromNow(30 + round * 5);
      const a = await buildSlot(srv, { startsAt, capacity: 5 });
      const b = await buildSlot(srv, {
        startsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
        capacity: 5,
      });
      const [ra, rb] = await Promise.all([
        book(srv, caregiver, a.slot.id, child.id),
        book(srv, caregiver, b.slot.id, child.id),
      ]);
      const statuses = [ra.status, rb.status].sort();
      expect(statuses).toEqual([201, 409]);
      const loser = ra.status === 409 ? ra : rb;
      expect(loser.body.error.code).toBe("CONFLICT");
      const rows = await sqlRows<{ n: number }>(
        srv,
        sql`SELECT count(*)::int AS n FROM bookings WHERE child_id = ${child.id}::uuid
              AND status = 'confirmed' AND slot_id IN (${a.slot.id}::uuid, ${b.slot.id}::uuid)`,
      );
      expect(Number(rows[0]!.n)).toBe(1);
      // The loser's slot kept its seat.
      const loserSlot = ra.status === 409 ? a.slot.id : b.slot.id;
      expect((await slotRow(srv, loserSlot)).confirmed_count).toBe(0);
    }
  });

  it("the database itself refuses an overlapping confirmed booking (exclusion constraint) and overbooking (check)", async () => {
    const caregiver = await buildCaregiver(srv);
    const child = await buildChild(srv, caregiver);
    const { slot, station } = await buildSlot(srv, { capacity: 2, startsAt: hoursFromNow(200) });
    const booking = await bookOk(srv, caregiver, slot.id, child.id);
    expect(booking.status).toBe("confirmed");
    const other = await buildSlot(srv, {
      station,
      startsAt: new Date(Date.parse(slot.startsAt) + 3_600_000).toISOString(),
    });
    // Bypass the service: the constraint alone must refuse it.
    const overlap = sqlRows(
      srv,
      sql`INSERT INTO bookings (slot_id, station_id, child_id, family_id, status, period)
          VALUES (${other.slot.id}::uuid, ${station.id}::uuid, ${child.id}::uuid, ${caregiver.familyId}::uuid,
                  'checked_in', tstzrange(${other.slot.startsAt}::timestamptz, ${other.slot.endsAt}::timestamptz, '[)'))`,
    );
    await expect(overlap).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23P01" }) });
    const overbook = sqlRows(srv, sql`UPDATE slots SET confirmed_count = 3 WHERE id = ${slot.id}::uuid`);
    await expect(overbook).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23514" }) });
  });

  it("two children of one family racing past a weekly quota of 1: exactly one is confirmed", async () => {
    const station = await buildStation(srv, { maxBookingsPerWeek: 1 });
    const caregiver = await buildCaregiver(srv);
    const kids = [await buildChild(srv, caregiver), await buildChild(srv, caregiver, { nickname: "小红" })];
    // Two non-overlapping slots on the same local day (so in the same week).
    const base = new Date(Date.parse(hoursFromNow(24 * 7)));
    base.setUTCHours(1, 0, 0, 0); // 09:00 in Asia/Shanghai
    const s1 = await buildSlot(srv, { station, startsAt: base.toISOString() });
    const s2 = await buildSlot(srv, {
      station,
      startsAt: new Date(base.getTime() + 3 * 3_600_000).toISOString(),
    });
    const [r1, r2] = await Promise.all([
      book(srv, caregiver, s1.slot.id, kids[0]!.id),
      book(srv, caregiver, s2.slot.id, kids[1]!.id),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    expect(loser.body.error).toMatchObject({
      code: "NOT_BOOKABLE",
      details: { reason: "quota_reached", quota: "week" },
    });
    const rows = await sqlRows<{ n: number }>(
      srv,
      sql`SELECT count(*)::int AS n FROM bookings WHERE family_id = ${caregiver.familyId}::uuid AND status = 'confirmed'`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("cancellations racing with new bookings never overbook and never leave a free seat with an eligible waitlist", async () => {
    const { slot } = await buildSlot(srv, { capacity: 5, startsAt: hoursFromNow(150) });
    const families = await buildFamiliesFast(srv, 30);
    const first = families.slice(0, 5);
    const waiting = families.slice(5, 15);
    const late = families.slice(15);
    const confirmed: Booking[] = [];
    for (const f of first) confirmed.push(await bookOk(srv, f.caregiver, slot.id, f.child.id));
    for (const f of waiting)
      expect((await bookOk(srv, f.caregiver, slot.id, f.child.id, true)).status).toBe("waitlisted");

    const results = await Promise.all([
      ...first.map((f, i) =>
        srv.http
          .post(`/api/bookings/${confirmed[i]!.id}/cancel`)
          .set("Authorization", f.caregiver.auth)
          .send({}),
      ),
      ...late.map((f) => book(srv, f.caregiver, slot.id, f.child.id, true)),
    ]);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.slice(0, 5).every((r) => r.status === 200)).toBe(true);

    const counts = await bookingCounts(srv, slot.id);
    const row = await slotRow(srv, slot.id);
    expect(counts.confirmed).toBe(5);
    expect(row.confirmed_count).toBe(5);
    expect(counts.cancelled).toBe(5);
    expect((counts.confirmed ?? 0) + (counts.waitlisted ?? 0)).toBe(25);
    // Seats are refilled in the transaction that frees them, so a newcomer never finds one free:
    // the five seats went to the first five waiting families (equal priority: first come).
    const holders = await sqlRows<{ child_id: string }>(
      srv,
      sql`SELECT child_id FROM bookings WHERE slot_id = ${slot.id}::uuid AND status = 'confirmed'`,
    );
    expect(new Set(holders.map((h) => h.child_id))).toEqual(
      new Set(waiting.slice(0, 5).map((f) => f.child.id)),
    );
  }, 60_000);
  it("a family booking a slot while its other child is promoted on it (opposite lock orders) ends consistently", async () => {
    // The booking locks the family, then the slot; the cancellation locks the slot, then promotes
    // the waiting family. Run five such pairs at once: any deadlock must be retried, not answered.
    const pairs = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const { slot } = await buildSlot(srv, {
          capacity: 1,
          stationOverrides: { maxBookingsPerWeek: 5, maxHoursPerMonth: 40 },
        });
        const [holder] = await buildFamiliesFast(srv, 1);
        const held = await bookOk(srv, holder!.caregiver, slot.id, holder!.child.id);
        const caregiver = await buildCaregiver(srv);
        const waiting = await buildChild(srv, caregiver);
        const second = await buildChild(srv, caregiver, { nickname: "小二" });
        expect((await bookOk(srv, caregiver, slot.id, waiting.id, true)).status).toBe("waitlisted");
        return { slot, holder: holder!, held, caregiver, waiting, second };
      }),
    );
    const results = await Promise.all(
      pairs.flatMap((p) => [
        srv.http
          .post(`/api/bookings/${p.held.id}/cancel`)
          .set("Authorization", p.holder.caregiver.auth)
          .send({}),
        book(srv, p.caregiver, p.slot.id, p.second.id, true),
      ]),
    );
    for (const [i, r] of results.entries())
      expect(r.status, JSON.stringify(r.body)).toBe(i % 2 === 0 ? 200 : 201);
    for (const p of pairs) {
      // Whichever went first, the waiting child is promoted and the newcomer waits behind it.
      const rows = await sqlRows<{ child_id: string; status: string }>(
        srv,
        sql`SELECT child_id, status FROM bookings WHERE slot_id = ${p.slot.id}::uuid AND status <> 'cancelled'`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.child_id, r.status]))).toEqual({
        [p.waiting.id]: "confirmed",
        [p.second.id]: "waitlisted",
      });
      expect(await slotRow(srv, p.slot.id)).toMatchObject({ capacity: 1, confirmed_count: 1 });
    }
  }, 60_000);
});
