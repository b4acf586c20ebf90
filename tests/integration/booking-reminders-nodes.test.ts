import { sql } from "@carecircle/server";
import { expect, it } from "vitest";
import {
  bookOk,
  buildFamiliesFast,
  buildFamily,
  buildSlot,
  makeRemindersDue,
  notificationsOf,
  reminderRows,
  remindersDone,
  sqlRows,
} from "../factories/index.js";
import { useNodes } from "../setup/nodes.js";
import { startServer, type TestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Booking reminders with several nodes and across a restart (docs/decisions/107): every node polls
 * the due times with FOR UPDATE SKIP LOCKED, and each reminder is sent once. (Two real processes on
 * PostgreSQL: booking-reminders-processes.pg.test.ts.)
 */

const FAST = { reminderPollMs: 50 };
const nodes = useNodes();

/** How many reminder notifications each (caregiver, booking, when) got, as counts. */
async function reminderCounts(srv: TestServer): Promise<number[]> {
  const rows = await sqlRows<{ n: number }>(
    srv,
    sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'booking_reminder'
        GROUP BY user_id, payload->>'bookingId', payload->>'when'`,
  );
  return rows.map((r) => r.n);
}

it("two server nodes polling one database send every reminder exactly once", async () => {
  const db = await nodes.sharedDb();
  const a = await nodes.node(FAST, db);
  const b = await nodes.node(FAST, await nodes.anotherHandle(db));
  const families = await buildFamiliesFast(a, 24);
  const { slot } = await buildSlot(a, { capacity: 30 });
  const ids: string[] = [];
  for (const [i, f] of families.entries())
    ids.push((await bookOk(i % 2 ? a : b, f.caregiver, slot.id, f.child.id)).id);

  await makeRemindersDue(a, ids);
  await until(() => remindersDone(a, ids), { timeoutMs: 15_000, everyMs: 50, what: "every reminder sent" });
  // Both nodes stop (waiting for a poll in progress): nothing can be sent after this point.
  await Promise.all([a.cc.services.reminders.stop(), b.cc.services.reminders.stop()]);
  const counts = await reminderCounts(a);
  expect(counts).toHaveLength(ids.length * 2);
  expect(counts.every((n) => n === 1)).toBe(true);
  const outcomes = await sqlRows<{ outcome: string; n: number }>(
    a,
    sql`SELECT outcome, count(*)::int AS n FROM booking_reminders GROUP BY outcome`,
  );
  expect(outcomes).toEqual([{ outcome: "sent", n: ids.length * 2 }]);
});

it("a reminder due while no node runs is sent once after a restart", async () => {
  const db = await nodes.sharedDb();
  const first = await startServer(FAST, { dbHandle: db });
  const { caregiver, child } = await buildFamily(first);
  const { slot } = await buildSlot(first);
  const booking = await bookOk(first, caregiver, slot.id, child.id);
  await first.close();
  // The evening falls due while no node runs: move its due time into the past in the database.
  await makeRemindersDue(first, [booking.id], "evening");
  expect((await reminderRows(first, booking.id)).map((r) => r.outcome)).toEqual([null, null]);

  const second = await nodes.node(FAST, await nodes.anotherHandle(db));
  await until(async () => (await reminderRows(second, booking.id))[0]!.outcome === "sent", {
    what: "the evening reminder after the restart",
  });
  await second.cc.services.reminders.stop();
  const notes = await notificationsOf(second, caregiver, "booking_reminder");
  expect(notes.map((n) => [n.payload.bookingId, n.payload.when])).toEqual([[booking.id, "evening"]]);
  // The other reminder is still planned for its own time.
  expect((await reminderRows(second, booking.id))[1]).toMatchObject({ kind: "soon", outcome: null });
});
