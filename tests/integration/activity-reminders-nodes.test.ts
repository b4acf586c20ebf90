import { sql } from "@carecircle/server";
import { expect, it } from "vitest";
import {
  activityRemindersLeft,
  createActivity,
  makeActivityRemindersDue,
  signUpActivity,
} from "../factories/group-activities.js";
import {
  buildCaregiver,
  buildFamiliesFast,
  buildStaff,
  notificationsOf,
  sqlRows,
} from "../factories/index.js";
import { useNodes } from "../setup/nodes.js";
import { startServer, type TestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Activity reminders with several nodes and across a restart (decision 148), as booking reminders
 * (booking-reminders-nodes.test.ts): every node polls `remind_at` with FOR UPDATE SKIP LOCKED, and
 * each reminder is sent once. (Two real processes on PostgreSQL: activity-reminders-processes.pg.test.ts.)
 */

const FAST = { reminderPollMs: 50 };
const nodes = useNodes();

/** How many reminders each (participant, activity) got. */
async function reminderCounts(srv: TestServer): Promise<number[]> {
  const rows = await sqlRows<{ n: number }>(
    srv,
    sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'activity_reminder'
        GROUP BY user_id, payload->>'activityId'`,
  );
  return rows.map((r) => r.n);
}

it("two server nodes polling one database send every reminder exactly once", async () => {
  const db = await nodes.sharedDb();
  const a = await nodes.node(FAST, db);
  const b = await nodes.node(FAST, await nodes.anotherHandle(db));
  const sw = await buildStaff(a, "social_worker");
  const activities = [
    await createActivity(a, sw, { capacity: 30 }),
    await createActivity(b, sw, { capacity: 30 }),
  ];
  const families = await buildFamiliesFast(a, 24);
  for (const [i, f] of families.entries())
    for (const act of activities)
      expect((await signUpActivity(i % 2 ? a : b, f.caregiver, act.id)).status).toBe(201);
  const ids = activities.map((x) => x.id);

  await makeActivityRemindersDue(a, ids);
  await until(async () => (await activityRemindersLeft(a, ids)) === 0, {
    timeoutMs: 15_000,
    everyMs: 50,
    what: "every reminder sent",
  });
  // Both nodes stop (waiting for a poll in progress): nothing can be sent after this point.
  await Promise.all([a.cc.services.activityReminders.stop(), b.cc.services.activityReminders.stop()]);
  const counts = await reminderCounts(a);
  expect(counts).toHaveLength(families.length * activities.length);
  expect(counts.every((n) => n === 1)).toBe(true);
});

it("a reminder due while no node runs is sent once after a restart", async () => {
  const db = await nodes.sharedDb();
  const first = await startServer(FAST, { dbHandle: db });
  const sw = await buildStaff(first, "social_worker");
  const act = await createActivity(first, sw);
  const cg = await buildCaregiver(first);
  expect((await signUpActivity(first, cg, act.id)).status).toBe(201);
  await first.close();
  // The reminder falls due while no node runs: move its due time into the past in the database.
  await makeActivityRemindersDue(first, [act.id]);
  expect(await activityRemindersLeft(first, [act.id])).toBe(1);

  const second = await nodes.node(FAST, await nodes.anotherHandle(db));
  await until(async () => (await activityRemindersLeft(second, [act.id])) === 0, {
    what: "the reminder after the restart",
  });
  await second.cc.services.activityReminders.stop();
  const notes = await notificationsOf(second, cg, "activity_reminder");
  expect(notes.map((n) => n.payload.activityId)).toEqual([act.id]);
});
