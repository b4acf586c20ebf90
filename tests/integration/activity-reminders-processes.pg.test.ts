import { sql } from "@carecircle/server";
import { expect, it } from "vitest";
import { apiOk, type Remote, remoteFamily, remoteLogin } from "../setup/child-world.js";
import { useTwoProcesses } from "../setup/nodes.js";
import { until } from "../setup/until.js";

/*
 * Activity reminders with two real server processes on one PostgreSQL database (decision 148), as
 * booking reminders (booking-reminders-processes.pg.test.ts): both poll every 100 ms with FOR
 * UPDATE SKIP LOCKED; every reminder is sent exactly once.
 */

const ADMIN = { email: "admin@activity-reminders.test", password: "activity-reminders-admin-pw" };
const PASSWORD = "activity-reminders-cg-pw-1";
const procs = useTwoProcesses(
  { JWT_SECRET: "activity-reminders-secret-0123456789ab", REMINDER_POLL_MS: "100" },
  ADMIN,
);
const rows = procs.rows;

/** A caregiver registered on `srv`; answers her token. */
const caregiver = async (srv: Remote, i: number) =>
  (
    await remoteFamily(
      srv,
      { email: `mama${i}@activity-reminders.test`, password: PASSWORD, displayName: `妈妈${i}` },
      i,
    )
  ).token;

it("two server processes send every participant's reminder exactly once", async () => {
  const { a, b } = procs;
  const admin = await remoteLogin(a, ADMIN.email, ADMIN.password);
  const startsAt = new Date(Math.floor((Date.now() + 72 * 3_600_000) / 60_000) * 60_000);
  const activity = await apiOk(
    a,
    "POST",
    "/api/activities",
    admin,
    {
      kind: "caregiver_respite",
      topic: "照顾者喘息小组",
      facilitator: "王老师",
      audience: "caregivers",
      capacity: 20,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
    },
    201,
  );
  const id = activity.activity.id as string;
  const n = 10;
  for (let i = 0; i < n; i++) {
    const srv = i % 2 ? a : b;
    await apiOk(srv, "POST", `/api/activities/${id}/signup`, await caregiver(srv, i), undefined, 201);
  }
  const planned = await rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM activity_signups WHERE status = 'confirmed' AND remind_at IS NOT NULL`,
  );
  expect(planned).toEqual([{ n }]);
  await rows(
    sql`UPDATE activity_signups SET remind_at = now() - interval '1 second' WHERE remind_at IS NOT NULL`,
  );
  await until(
    async () => {
      const [r] = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM activity_signups WHERE remind_at IS NOT NULL`,
      );
      return r!.n === 0;
    },
    { timeoutMs: 15_000, everyMs: 100, what: "every reminder handled" },
  );
  // Both processes stop gracefully (a poll in progress finishes first): nothing is sent after this.
  for (const s of [a, b]) s.kill("SIGTERM");
  await Promise.all([a.exited, b.exited]);
  const sent = await rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'activity_reminder'
        GROUP BY user_id, payload->>'activityId'`,
  );
  expect(sent).toHaveLength(n);
  expect(sent.every((r) => r.n === 1)).toBe(true);
});
