import { sql } from "@carecircle/server";
import { type Activity, ActivityResultSchema } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import type { Account } from "./accounts.js";
import { hoursFromNow } from "./booking.js";
import { sqlOne, sqlRows } from "./db.js";

type HasDb = Pick<TestServer, "cc">;

/** A valid new activity for caregivers, two days ahead (override anything). */
export const activityBody = (over: Record<string, unknown> = {}) => ({
  kind: "parent_training",
  topic: "孤独症儿童的情绪安抚",
  facilitator: "李老师",
  audience: "caregivers",
  capacity: 2,
  startsAt: hoursFromNow(48),
  endsAt: hoursFromNow(50),
  ...over,
});

/** Create an activity as `who` (expects 201; the answer is checked against its schema). */
export async function createActivity(
  srv: TestServer,
  who: Account,
  over: Record<string, unknown> = {},
): Promise<Activity> {
  const res = await srv.http.post("/api/activities").set("Authorization", who.auth).send(activityBody(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return ActivityResultSchema.parse(res.body).activity;
}

/** Sign `who` up for an activity (the raw answer). */
export const signUpActivity = (srv: TestServer, who: Account, id: string) =>
  srv.http.post(`/api/activities/${id}/signup`).set("Authorization", who.auth);

/** `who` withdraws from an activity (the raw answer). */
export const leaveActivity = (srv: TestServer, who: Account, id: string) =>
  srv.http.post(`/api/activities/${id}/leave`).set("Authorization", who.auth);

/** An organiser cancels an activity (the raw answer). */
export const cancelActivity = (srv: TestServer, who: Account, id: string, reason = "老师生病，活动取消") =>
  srv.http.post(`/api/activities/${id}/cancel`).set("Authorization", who.auth).send({ reason });

/** Each sign-up of an activity: its person, status and reminder due time (epoch ms), in sign-up order. */
export async function signupRows(srv: HasDb, activityId: string) {
  return sqlRows<{ user_id: string; status: string; remind_at: number | null }>(
    srv,
    sql`SELECT user_id, status, (extract(epoch FROM remind_at) * 1000)::float8 AS remind_at FROM activity_signups
        WHERE activity_id = ${activityId}::uuid ORDER BY created_at, id`,
  );
}

/** Move the clock in the database: every reminder still to come of these activities falls due now. */
export async function makeActivityRemindersDue(srv: HasDb, activityIds: string[]): Promise<void> {
  await sqlRows(
    srv,
    sql`UPDATE activity_signups SET remind_at = now() - interval '1 second'
        WHERE activity_id = ANY(${`{${activityIds.join(",")}}`}::uuid[]) AND remind_at IS NOT NULL`,
  );
}

/** How many reminders of these activities are still to be sent. */
export async function activityRemindersLeft(srv: HasDb, activityIds: string[]): Promise<number> {
  const [r] = await sqlRows<{ n: number }>(
    srv,
    sql`SELECT count(*)::int AS n FROM activity_signups
        WHERE activity_id = ANY(${`{${activityIds.join(",")}}`}::uuid[]) AND remind_at IS NOT NULL`,
  );
  return r!.n;
}

/** Who came to a past session: a caregiver (user id), her family, and whether she attended. */
export type Came = [userId: string, familyId: string, attended: boolean];

/**
 * A past session straight in the database (the API takes no past start), with its confirmed
 * participants' recorded attendance; `cancelled` marks it cancelled.
 */
export async function pastSession(
  srv: HasDb,
  kind: string,
  daysAgo: number,
  who: Came[],
  cancelled = false,
): Promise<string> {
  const { id } = await sqlOne<{ id: string }>(
    srv,
    sql`insert into group_activities (kind, topic, facilitator, audience, capacity, confirmed_count,
          starts_at, ends_at, cancelled_at, cancel_reason)
        values (${kind}, '家长课堂', '李老师', 'all', 20, ${who.length},
          now() - make_interval(days => ${daysAgo}), now() - make_interval(days => ${daysAgo}) + interval '2 hours',
          ${cancelled ? new Date().toISOString() : null}::timestamptz, ${cancelled ? "场地维修" : null})
        returning id`,
  );
  for (const [userId, familyId, attended] of who)
    await sqlRows(
      srv,
      sql`insert into activity_signups (activity_id, user_id, family_id, status, attended)
          values (${id}::uuid, ${userId}::uuid, ${familyId}::uuid, 'confirmed', ${attended})`,
    );
  return id;
}
