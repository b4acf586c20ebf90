import { sql } from "@carecircle/server";
import type { Booking, Station } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  BROUGHT,
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  COLLECTED,
  hoursFromNow,
  markAttendance,
  moveSlot,
  notificationsOf,
  sqlOne,
  sqlRows,
  undoAttendance,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Issue 19 §3 (decision 142): check-in and pick-up record who brought and who collected the child
 * and tell the family; each mark (and a no-show) can be undone by the station's staff for 10
 * minutes, measured from the mark's stored time; later 409 UNDO_WINDOW_PASSED and nothing changes.
 */

const srv = useTestServer();
let staff: Account;
let staffElsewhere: Account;
let station: Station;
beforeAll(async () => {
  staff = await buildStaff(srv, "station_staff", "陈老师");
  staffElsewhere = await buildStaff(srv, "station_staff", "别站老师");
  station = await buildStation(srv, { name: "向阳站", maxBookingsPerWeek: 20 }, { staff: [staff] });
  await buildStation(srv, { name: "别的站" }, { staff: [staffElsewhere] });
});

/** A confirmed booking of a new family's child starting within the hour. */
async function soonBooking() {
  const fam = await buildFamily(srv);
  const { slot } = await buildSlot(srv, { station, startsAt: hoursFromNow(1) });
  return { fam, slot, booking: await bookOk(srv, fam.caregiver, slot.id, fam.child.id) };
}

/** Pretend a mark was made `minutes` ago (its undo window is measured from the stored time). */
async function ageMark(
  bookingId: string,
  column: "checked_in_at" | "checked_out_at" | "no_show_at",
  minutes: number,
) {
  await sqlRows(
    srv,
    sql`update bookings set ${sql.raw(column)} = now() - ${minutes} * interval '1 minute' where id = ${bookingId}`,
  );
}

const statusOf = async (id: string) =>
  (await sqlOne<{ status: string }>(srv, sql`select status from bookings where id = ${id}`)).status;

describe("check-in and pick-up", () => {
  it("records who brought and who collected the child, and tells the family at each with ids only", async () => {
    const { fam, booking } = await soonBooking();
    const missing = await srv.http
      .post(`/api/bookings/${booking.id}/check-in`)
      .set("Authorization", staff.auth)
      .send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("VALIDATION_FAILED");
    expect(await statusOf(booking.id)).toBe("confirmed");

    const inRes = await markAttendance(srv, staff, booking.id, "check-in");
    expect(inRes.status, JSON.stringify(inRes.body)).toBe(200);
    expect(inRes.body.booking).toMatchObject({ status: "checked_in", broughtBy: BROUGHT.broughtBy });
    const arrived = await notificationsOf(srv, fam.caregiver, "child_checked_in");
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.payload).toEqual({
      bookingId: booking.id,
      slotId: booking.slotId,
      stationId: station.id,
      childId: fam.child.id,
    });

    const outRes = await markAttendance(srv, staff, booking.id, "check-out");
    expect(outRes.body.booking).toMatchObject({
      status: "completed",
      broughtBy: BROUGHT.broughtBy,
      collectedBy: COLLECTED.collectedBy,
    });
    const collected = await notificationsOf(srv, fam.caregiver, "child_picked_up");
    expect(collected).toHaveLength(1);
    expect(JSON.stringify(collected[0]!.payload)).not.toContain(COLLECTED.collectedBy.name);

    const seen = await srv.http.get(`/api/bookings/${booking.id}`).set("Authorization", fam.caregiver.auth);
    expect(seen.body.booking).toMatchObject({
      broughtBy: BROUGHT.broughtBy,
      collectedBy: COLLECTED.collectedBy,
    });
  });
});

describe("undo within 10 minutes", () => {
  it("undoes a pick-up and a check-in inside the window, in order, and keeps both in the history", async () => {
    const { booking } = await soonBooking();
    await markAttendance(srv, staff, booking.id, "check-in");
    await markAttendance(srv, staff, booking.id, "check-out");
    await ageMark(booking.id, "checked_out_at", 9);
    // The check-in cannot be undone while the child is still marked as collected.
    const wrong = await undoAttendance(srv, staff, booking.id, "check_in");
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({ code: "CONFLICT", details: { status: "completed" } });

    const outUndone = await undoAttendance(srv, staff, booking.id, "check_out");
    expect(outUndone.status, JSON.stringify(outUndone.body)).toBe(200);
    expect(outUndone.body.booking).toMatchObject({
      status: "checked_in",
      checkedOutAt: null,
      collectedBy: null,
      broughtBy: BROUGHT.broughtBy,
    });
    const inUndone = await undoAttendance(srv, staff, booking.id, "check_in");
    expect(inUndone.body.booking).toMatchObject({ status: "confirmed", checkedInAt: null, broughtBy: null });

    const detail = await srv.http.get(`/api/bookings/${booking.id}`).set("Authorization", staff.auth);
    expect(detail.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      "confirmed",
      "checked_in",
      "completed",
      "checked_in",
      "confirmed",
    ]);
  });

  it("refuses an undo after 10 minutes with UNDO_WINDOW_PASSED and changes nothing", async () => {
    const { booking } = await soonBooking();
    await markAttendance(srv, staff, booking.id, "check-in");
    await ageMark(booking.id, "checked_in_at", 11);
    const late = await undoAttendance(srv, staff, booking.id, "check_in");
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: "UNDO_WINDOW_PASSED", details: { mark: "check_in" } });
    const row = await sqlOne<{ status: string; brought_by: unknown }>(
      srv,
      sql`select status, brought_by from bookings where id = ${booking.id}`,
    );
    expect(row).toEqual({ status: "checked_in", brought_by: BROUGHT.broughtBy });
  });

  it("undoes a no-show inside its window only; the seat stays held either way", async () => {
    const { slot, booking } = await soonBooking();
    await moveSlot(srv, slot.id, new Date(Date.now() - 30 * 60_000), new Date(Date.now() + 3_600_000));
    const seats = async () =>
      (await sqlOne<{ n: number }>(srv, sql`select confirmed_count as n from slots where id = ${slot.id}`)).n;
    const before = await seats();
    expect((await markAttendance(srv, staff, booking.id, "no-show")).body.booking.status).toBe("no_show");
    const undone = await undoAttendance(srv, staff, booking.id, "no_show");
    expect(undone.body.booking).toMatchObject({ status: "confirmed", noShowAt: null });
    expect(await seats()).toBe(before);

    await markAttendance(srv, staff, booking.id, "no-show");
    await ageMark(booking.id, "no_show_at", 10.5);
    const late = await undoAttendance(srv, staff, booking.id, "no_show");
    expect(late.body.error.code).toBe("UNDO_WINDOW_PASSED");
    expect(await statusOf(booking.id)).toBe("no_show");
  });

  it("lets only the station's staff undo (others 404, families 403)", async () => {
    const { fam, booking } = await soonBooking();
    await markAttendance(srv, staff, booking.id, "check-in");
    expect((await undoAttendance(srv, staffElsewhere, booking.id, "check_in")).status).toBe(404);
    expect((await undoAttendance(srv, fam.caregiver, booking.id, "check_in")).status).toBe(403);
    const bad = await srv.http
      .post(`/api/bookings/${booking.id}/undo`)
      .set("Authorization", staff.auth)
      .send({ mark: "arrival" });
    expect(bad.status).toBe(400);
    expect(
      (
        (await srv.http.get(`/api/bookings/${booking.id}`).set("Authorization", staff.auth)).body
          .booking as Booking
      ).status,
    ).toBe("checked_in");
  });
});
