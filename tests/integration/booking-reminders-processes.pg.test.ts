import { sql } from "@carecircle/server";
import { expect, it } from "vitest";
import { apiOk, type Remote, remoteFamily, remoteLogin } from "../setup/child-world.js";
import { useTwoProcesses } from "../setup/nodes.js";
import { until } from "../setup/until.js";

/*
 * Booking reminders with two real server processes on one PostgreSQL database (decision 107): both
 * poll every 100 ms with FOR UPDATE SKIP LOCKED; every reminder is sent exactly once. (PGlite is
 * one process by nature: booking-reminders-nodes.test.ts runs two nodes in one process there.)
 */

const ADMIN = { email: "admin@reminders.test", password: "reminders-admin-pw" };
const PASSWORD = "reminders-cg-pw-1";
const procs = useTwoProcesses(
  { JWT_SECRET: "reminders-secret-reminders-secret-0123", REMINDER_POLL_MS: "100" },
  ADMIN,
);
const rows = procs.rows;

/** A caregiver with one child, registered on `srv`; answers her token and the child's id. */
const family = (srv: Remote, i: number) =>
  remoteFamily(srv, { email: `mama${i}@reminders.test`, password: PASSWORD, displayName: `妈妈${i}` }, i);

it("two server processes send every reminder of every booking exactly once", async () => {
  const { a, b } = procs;
  const admin = await remoteLogin(a, ADMIN.email, ADMIN.password);
  const station = await apiOk(
    a,
    "POST",
    "/api/stations",
    admin,
    {
      name: "阳光站",
      district: "阳光街道",
      address: "阳光路 12 号",
      phone: "021-55550001",
      disabilityTypes: ["autism"],
      serviceTypes: ["respite"],
    },
    201,
  );
  const startsAt = new Date(Math.floor((Date.now() + 72 * 3_600_000) / 60_000) * 60_000);
  const slot = await apiOk(
    a,
    "POST",
    "/api/slots",
    admin,
    {
      stationId: station.id,
      serviceType: "respite",
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      capacity: 10,
    },
    201,
  );
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const srv = i % 2 ? a : b;
    const f = await family(srv, i);
    const res = await apiOk(
      srv,
      "POST",
      "/api/bookings",
      f.token,
      { slotId: slot.id, childId: f.childId },
      201,
    );
    ids.push(res.booking.id as string);
  }
  await rows(sql`UPDATE booking_reminders SET due_at = now() - interval '1 second'`);
  await until(
    async () => {
      const [r] = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM booking_reminders WHERE done_at IS NULL`,
      );
      return r!.n === 0;
    },
    { timeoutMs: 15_000, everyMs: 100, what: "every reminder handled" },
  );
  // Both processes stop gracefully (a poll in progress finishes first): nothing is sent after this.
  for (const s of [a, b]) s.kill("SIGTERM");
  await Promise.all([a.exited, b.exited]);
  const sent = await rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'booking_reminder'
        GROUP BY user_id, payload->>'bookingId', payload->>'when'`,
  );
  expect(sent).toHaveLength(ids.length * 2);
  expect(sent.every((r) => r.n === 1)).toBe(true);
  const outcomes = await rows<{ outcome: string; n: number }>(
    sql`SELECT outcome, count(*)::int AS n FROM booking_reminders GROUP BY outcome`,
  );
  expect(outcomes).toEqual([{ outcome: "sent", n: ids.length * 2 }]);
});
