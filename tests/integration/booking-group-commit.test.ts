import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { Booking } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildFamiliesFast,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  slotRow,
  sqlRows,
} from "../factories/index.js";
import { collect, connectSocket } from "../factories/sockets.js";
import { api } from "../setup/child-world.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

const srv = useTestServer({}, { captureLogs: true });

/**
 * Fire every booking at once over warm keep-alive connections (as browsers and the bench do), so
 * they reach the server together rather than one TCP handshake at a time.
 */
async function storm(calls: { token: string; slotId: string; childId: string }[]) {
  await Promise.all(calls.map(() => api(srv, "GET", "/healthz")));
  return Promise.all(
    calls.map((c) =>
      api(srv, "POST", "/api/bookings", c.token, { slotId: c.slotId, childId: c.childId, waitlist: true }),
    ),
  );
}

describe("booking group commit (decision 043)", () => {
  it("decides a storm on one slot in batches, in arrival order, with every rule still per request", async () => {
    const staff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv, {}, { staff: [staff] });
    const { slot } = await buildSlot(srv, { station, capacity: 5 });
    const staffSocket = await connectSocket(srv, staff.token);
    const seats = collect(staffSocket, "slot:updated");
    const families = await buildFamiliesFast(srv, 40);
    const twice = families[7]!;
    const stranger = await buildFamily(srv);

    const responses = await storm([
      ...families.map((f) => ({ token: f.caregiver.token, slotId: slot.id, childId: f.child.id })),
      // The same child a second time, inside the same storm.
      { token: twice.caregiver.token, slotId: slot.id, childId: twice.child.id },
      // A child that does not exist, and another family's child.
      { token: families[3]!.caregiver.token, slotId: slot.id, childId: randomUUID() },
      { token: stranger.caregiver.token, slotId: slot.id, childId: families[9]!.child.id },
    ]);

    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    const own = responses.slice(0, families.length + 1);
    const booked = own.filter((r) => r.status === 201).map((r) => r.body.booking as Booking);
    const confirmed = booked.filter((b) => b.status === "confirmed");
    const waitlisted = booked.filter((b) => b.status === "waitlisted");
    expect(confirmed).toHaveLength(5);
    expect(waitlisted).toHaveLength(families.length - 5);
    // Each family holds exactly one booking; the repeat of one child was refused as already booked.
    expect(new Set(booked.map((b) => b.childId)).size).toBe(families.length);
    const repeat = own.filter((r) => r.status !== 201);
    expect(repeat.map((r) => [r.status, r.body.error.code, r.body.error.details?.reason])).toEqual([
      [409, "CONFLICT", "already_booked"],
    ]);
    expect(responses.slice(-2).map((r) => [r.status, r.body.error.code])).toEqual([
      [404, "NOT_FOUND"],
      [404, "NOT_FOUND"],
    ]);

    // First come, first served on the waitlist (no family has a priority here): every answer
    // carried its own place, none shared, none skipped.
    expect(waitlisted.map((b) => b.waitlistPosition).sort((a, b) => a! - b!)).toEqual(
      waitlisted.map((_, i) => i + 1),
    );

    // The database agrees, and the storm took fewer transactions than bookings.
    expect(await slotRow(srv, slot.id)).toMatchObject({ capacity: 5, confirmed_count: 5 });
    const [db] = await sqlRows<{ n: string; commits: string; times: string; events: string }>(
      srv,
      sql`select count(*) as n, count(distinct b.xmin::text) as commits,
                 count(distinct coalesce(b.waitlisted_at, b.confirmed_at)) as times,
                 (select count(*) from booking_events e join bookings x on x.id = e.booking_id
                  where x.slot_id = ${slot.id}::uuid) as events
          from bookings b where b.slot_id = ${slot.id}::uuid`,
    );
    expect(Number(db!.n)).toBe(families.length);
    expect(Number(db!.times)).toBe(families.length);
    expect(Number(db!.events)).toBe(families.length);
    expect(Number(db!.commits)).toBeLessThan(families.length / 2);

    // Staff saw the seats fill; the last update is the final state.
    await until(() => seats.at(-1)?.waitlistCount === families.length - 5);
    expect(seats.at(-1)).toMatchObject({ slotId: slot.id, confirmedCount: 5, seatsLeft: 0 });
    expect(seats.length).toBeLessThan(families.length / 2);
  }, 60_000);

  it("a batch that fails as a whole is decided again request by request, so one failure sinks no one else", async () => {
    const { slot } = await buildSlot(srv, { capacity: 12 });
    const families = await buildFamiliesFast(srv, 12);
    const doomed = families[5]!;
    // A real fault in the database for one child only: its insert raises.
    await srv.cc.deps.db.execute(
      sql.raw(`create function test_refuse_child() returns trigger language plpgsql as $$
        begin
          if new.child_id = '${doomed.child.id}'::uuid then raise exception 'refused for the test'; end if;
          return new;
        end $$`),
    );
    await srv.cc.deps.db.execute(
      sql.raw(
        "create trigger test_refuse_child before insert on bookings for each row execute function test_refuse_child()",
      ),
    );
    try {
      const responses = await storm(
        families.map((f) => ({ token: f.caregiver.token, slotId: slot.id, childId: f.child.id })),
      );
      const byChild = new Map(families.map((f, i) => [f.child.id, responses[i]!]));
      expect(byChild.get(doomed.child.id)!.status).toBe(500);
      expect(byChild.get(doomed.child.id)!.body.error.code).toBe("INTERNAL");
      for (const f of families.filter((x) => x !== doomed)) {
        const r = byChild.get(f.child.id)!;
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        expect(r.body.booking.status).toBe("confirmed");
      }
      expect(await slotRow(srv, slot.id)).toMatchObject({ confirmed_count: 11 });
      // The doomed request really shared a batch with others, and that batch was split.
      const splits = srv.logs
        .map((l) => JSON.parse(l) as { msg: string; size?: number; slotId?: string })
        .filter((l) => l.msg.startsWith("a booking batch failed") && l.slotId === slot.id);
      expect(splits.length).toBeGreaterThan(0);
      expect(splits[0]!.size).toBeGreaterThan(1);
    } finally {
      await srv.cc.deps.db.execute(sql.raw("drop trigger test_refuse_child on bookings"));
      await srv.cc.deps.db.execute(sql.raw("drop function test_refuse_child()"));
    }
  }, 60_000);
});
