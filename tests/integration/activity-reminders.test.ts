import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import {
  activityRemindersLeft,
  cancelActivity,
  createActivity,
  leaveActivity,
  makeActivityRemindersDue,
  signUpActivity,
  signupRows,
} from "../factories/group-activities.js";
import {
  buildCaregiver,
  buildStaff,
  buildStation,
  hoursFromNow,
  notificationsOf,
  shanghaiDay,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Reminders before a group activity (decision 148): one per confirmed seat, at the booking rule's
 * time (the evening before at the station's hour, or two hours before when that has passed), due
 * in `activity_signups.remind_at`; the tests move the due time in the database instead of waiting.
 */

const srv = useTestServer({ reminderPollMs: 50 });
const HOUR = 3_600_000;

/** The `activity_reminder` notifications `who` got for an activity. */
async function remindersOf(who: Awaited<ReturnType<typeof buildCaregiver>>, activityId: string) {
  return (await notificationsOf(srv, who, "activity_reminder")).filter(
    (n) => n.payload.activityId === activityId,
  );
}

describe("planning", () => {
  it("a seat is reminded the evening before at the station's hour; the waitlist is not", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const station = await buildStation(srv, { reminderHour: 19 });
    const startsAt = `${shanghaiDay(3)}T10:00:00+08:00`;
    const a = await createActivity(srv, sw, {
      stationId: station.id,
      capacity: 1,
      startsAt,
      endsAt: `${shanghaiDay(3)}T12:00:00+08:00`,
    });
    const [seated, waiting] = [await buildCaregiver(srv), await buildCaregiver(srv)];
    expect((await signUpActivity(srv, seated, a.id)).status).toBe(201);
    expect((await signUpActivity(srv, waiting, a.id)).status).toBe(201);
    const rows = await signupRows(srv, a.id);
    expect(rows.map((r) => [r.status, r.remind_at])).toEqual([
      ["confirmed", Date.parse(`${shanghaiDay(2)}T19:00:00+08:00`)],
      ["waitlisted", null],
    ]);
  });

  it("without a station: the server's time zone at 18:00; signed up later: two hours before, or none", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const far = await createActivity(srv, sw, {
      startsAt: `${shanghaiDay(4)}T09:30:00+08:00`,
      endsAt: `${shanghaiDay(4)}T11:00:00+08:00`,
    });
    const soon = await createActivity(srv, sw, { startsAt: hoursFromNow(3), endsAt: hoursFromNow(5) });
    const sooner = await createActivity(srv, sw, { startsAt: hoursFromNow(1.5), endsAt: hoursFromNow(3) });
    const cg = await buildCaregiver(srv);
    for (const a of [far, soon, sooner]) expect((await signUpActivity(srv, cg, a.id)).status).toBe(201);
    expect((await signupRows(srv, far.id))[0]!.remind_at).toBe(
      Date.parse(`${shanghaiDay(3)}T18:00:00+08:00`),
    );
    expect((await signupRows(srv, soon.id))[0]!.remind_at).toBe(Date.parse(soon.startsAt) - 2 * HOUR);
    expect((await signupRows(srv, sooner.id))[0]!.remind_at).toBeNull();
  });
});

describe("sending", () => {
  it("each confirmed participant is reminded once, with ids only; the reminder is then cleared", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await createActivity(srv, sw, { capacity: 5 });
    const people = await Promise.all([0, 1, 2].map(() => buildCaregiver(srv)));
    for (const p of people) expect((await signUpActivity(srv, p, a.id)).status).toBe(201);
    await makeActivityRemindersDue(srv, [a.id]);
    await until(async () => (await activityRemindersLeft(srv, [a.id])) === 0, { what: "the reminders sent" });
    // A second pass of the job finds nothing to do.
    expect(await srv.cc.services.activityReminders.runDue()).toBe(0);
    for (const p of people) {
      const notes = await remindersOf(p, a.id);
      expect(notes).toHaveLength(1);
      expect(notes[0]!.payload).toEqual({
        activityId: a.id,
        activityKind: "parent_training",
        startsAt: expect.stringMatching(/\+08:00$/),
      });
      expect(Date.parse(notes[0]!.payload.startsAt as string)).toBe(Date.parse(a.startsAt));
    }
    expect(JSON.stringify(await remindersOf(people[0]!, a.id))).not.toContain("孤独症");
  });

  it("none after leaving; the waitlisted person promoted later is reminded instead", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await createActivity(srv, sw, { capacity: 1 });
    const [first, second] = [await buildCaregiver(srv), await buildCaregiver(srv)];
    expect((await signUpActivity(srv, first, a.id)).status).toBe(201);
    expect((await signUpActivity(srv, second, a.id)).status).toBe(201);
    expect((await leaveActivity(srv, first, a.id)).status).toBe(200);
    const rows = await signupRows(srv, a.id);
    expect(rows.map((r) => [r.user_id, r.status, r.remind_at !== null])).toEqual([
      [first.id, "cancelled", false],
      [second.id, "confirmed", true],
    ]);
    await makeActivityRemindersDue(srv, [a.id]);
    await until(async () => (await activityRemindersLeft(srv, [a.id])) === 0, { what: "the reminder sent" });
    expect(await remindersOf(first, a.id)).toEqual([]);
    expect(await remindersOf(second, a.id)).toHaveLength(1);
  });

  it("none for a cancelled activity, even a reminder found due after the cancellation", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await createActivity(srv, sw);
    const cg = await buildCaregiver(srv);
    expect((await signUpActivity(srv, cg, a.id)).status).toBe(201);
    expect((await cancelActivity(srv, sw, a.id)).status).toBe(200);
    expect((await signupRows(srv, a.id))[0]!.remind_at).toBeNull();
    // A reminder left due by a race with the cancellation is found cancelled and skipped.
    await sqlRows(srv, sql`UPDATE activity_signups SET remind_at = now() WHERE activity_id = ${a.id}::uuid`);
    await until(async () => (await activityRemindersLeft(srv, [a.id])) === 0, {
      what: "the reminder skipped",
    });
    expect(await remindersOf(cg, a.id)).toEqual([]);
    expect((await notificationsOf(srv, cg, "activity_cancelled")).map((n) => n.payload.activityId)).toEqual([
      a.id,
    ]);
  });
});
