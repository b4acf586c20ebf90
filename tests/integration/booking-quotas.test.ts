import { describe, expect, it } from "vitest";
import {
  book,
  bookingCounts,
  bookOk,
  buildFamily,
  buildSlot,
  buildStation,
  cancelBooking,
  hoursFromNow,
  moveSlot,
  nineAm,
  searchSlots,
  slotRow,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const HOUR = 3_600_000;

describe("fairness quotas", () => {
  it("holds the weekly count per family at a station, and search explains it", async () => {
    const station = await buildStation(srv, { maxBookingsPerWeek: 2 });
    const fam = await buildFamily(srv);
    // Three slots on one local day (same week), two hours apart.
    const slots = [];
    for (let i = 0; i < 3; i++)
      slots.push((await buildSlot(srv, { station, startsAt: nineAm(8, i * 3) })).slot);
    // Monday-Sunday weeks: 8 days ahead and 15 days ahead are in different weeks.
    const nextWeek = (await buildSlot(srv, { station, startsAt: nineAm(9) })).slot;
    const first = await bookOk(srv, fam.caregiver, slots[0]!.id, fam.child.id);
    await bookOk(srv, fam.caregiver, slots[1]!.id, fam.child.id);

    const third = await book(srv, fam.caregiver, slots[2]!.id, fam.child.id, true);
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({
      code: "NOT_BOOKABLE",
      details: { reason: "quota_reached", quota: "week" },
    });
    expect(await bookingCounts(srv, slots[2]!.id)).toEqual({});

    const found = await searchSlots(srv, fam.caregiver, {
      stationId: station.id,
      childId: fam.child.id,
      from: hoursFromNow(0),
      to: hoursFromNow(24 * 20),
    });
    const byId = new Map(found.map((s) => [s.id, s]));
    expect(byId.get(slots[2]!.id)!.bookability).toMatchObject({
      bookable: false,
      reasons: ["quota_reached"],
    });
    expect(byId.get(slots[0]!.id)!.bookability!.reasons).toEqual(["already_booked"]);
    // The day after may be in the same ISO week or the next; the quota follows the station's week.
    const sameWeek = new Date(Date.parse(nineAm(8)) + 8 * HOUR).getUTCDay() !== 0;
    expect(byId.get(nextWeek.id)!.bookability!.bookable).toBe(!sameWeek);

    expect((await cancelBooking(srv, fam.caregiver, first.id)).status).toBe(200);
    expect((await book(srv, fam.caregiver, slots[2]!.id, fam.child.id)).status).toBe(201);
  });

  it("holds the monthly hours per family at a station", async () => {
    const station = await buildStation(srv, { maxHoursPerMonth: 5 });
    const fam = await buildFamily(srv);
    const threeHours = async (startsAt: string) =>
      (
        await buildSlot(srv, {
          station,
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 3 * HOUR).toISOString(),
        })
      ).slot;
    const a = await threeHours(nineAm(2));
    const b = await threeHours(nineAm(2, 4));
    await bookOk(srv, fam.caregiver, a.id, fam.child.id);
    const res = await book(srv, fam.caregiver, b.id, fam.child.id);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: "quota_reached", quota: "month" });
    // Another family is not affected by this family's quota.
    const other = await buildFamily(srv);
    expect((await book(srv, other.caregiver, b.id, other.child.id)).status).toBe(201);
  });
});

describe("cancellation cut-off", () => {
  it("is free before the cut-off, recorded as late after it, and the cut-off is per station", async () => {
    const fam = await buildFamily(srv);
    const early = (await buildSlot(srv, { startsAt: hoursFromNow(48) })).slot;
    const late = (await buildSlot(srv, { startsAt: hoursFromNow(10) })).slot;
    const shortCutoff = await buildStation(srv, { cancelCutoffHours: 6 });
    const lenient = (await buildSlot(srv, { station: shortCutoff, startsAt: hoursFromNow(13) })).slot;
    const bEarly = await bookOk(srv, fam.caregiver, early.id, fam.child.id);
    const bLate = await bookOk(srv, fam.caregiver, late.id, fam.child.id);
    const bLenient = await bookOk(srv, fam.caregiver, lenient.id, fam.child.id);
    expect(Date.parse(bEarly.freeCancelUntil)).toBe(Date.parse(early.startsAt) - 24 * HOUR);

    expect((await cancelBooking(srv, fam.caregiver, bEarly.id)).body.booking).toMatchObject({
      status: "cancelled",
      lateCancel: false,
    });
    const r = await cancelBooking(srv, fam.caregiver, bLate.id);
    expect(r.status).toBe(200);
    expect(r.body.booking).toMatchObject({ status: "cancelled", lateCancel: true });
    expect((await cancelBooking(srv, fam.caregiver, bLenient.id)).body.booking.lateCancel).toBe(false);
    const hist = await srv.http.get(`/api/bookings/${bLate.id}`).set("Authorization", fam.caregiver.auth);
    expect(hist.body.history.at(-1)).toMatchObject({ fromStatus: "confirmed", toStatus: "cancelled" });
    expect(hist.body.history.at(-1).reason).toMatch(/late/);

    const list = await srv.http.get("/api/bookings").set("Authorization", fam.caregiver.auth);
    expect(list.body.stats).toMatchObject({ lateCancelCount: 1, noShowCount: 0 });
    // The seats were released.
    expect((await slotRow(srv, late.id)).confirmed_count).toBe(0);
  });

  it("refuses cancelling once the slot has started (staff record attendance instead)", async () => {
    const fam = await buildFamily(srv);
    const { slot } = await buildSlot(srv, { startsAt: hoursFromNow(3) });
    const b = await bookOk(srv, fam.caregiver, slot.id, fam.child.id);
    await moveSlot(srv, slot.id, new Date(Date.now() - 5 * 60_000), new Date(Date.now() + HOUR));
    const res = await cancelBooking(srv, fam.caregiver, b.id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "NOT_BOOKABLE", details: { reason: "too_late" } });
    expect((await slotRow(srv, slot.id)).confirmed_count).toBe(1);
  });
});
