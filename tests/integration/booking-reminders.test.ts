import { sql } from "@carecircle/server";
import type { Notification } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildStation,
  cancelBooking,
  connectSocket,
  hoursFromNow,
  joinFamily,
  makeRemindersDue,
  nextEvent,
  notificationsOf,
  reminderRows,
  remindersDone,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Booking reminders (docs/decisions/107): planned when a booking is confirmed, one the evening
 * before at the station's hour in its time zone and one two hours before; the due time is in the
 * database, so the tests move it there instead of waiting a day.
 */

const srv = useTestServer({ reminderPollMs: 50 });
const HOUR = 3_600_000;

/** Station-local "YYYY-MM-DD HH:mm" of an instant. */
function localText(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${p("year")}-${p("month")}-${p("day")} ${p("hour")}:${p("minute")}`;
}

/** Both caregivers of a new family, and its child. */
async function twoCaregivers() {
  const { caregiver, child } = await buildFamily(srv);
  return { caregivers: [caregiver, await joinFamily(srv, caregiver)], child };
}

async function remindersOf(who: Account, bookingId: string): Promise<Notification[]> {
  return (await notificationsOf(srv, who, "booking_reminder")).filter(
    (n) => n.payload.bookingId === bookingId,
  );
}

describe("planning", () => {
  it("the evening reminder is at the station's hour the day before in its time zone; the other two hours before", async () => {
    const timeZone = "America/New_York";
    const station = await buildStation(srv, { timeZone, reminderHour: 19 });
    expect(station.reminderHour).toBe(19);
    // 10:00 New York time, three or four days ahead.
    const day = localText(new Date(Date.now() + 3 * 86_400_000).toISOString(), timeZone).slice(0, 10);
    const guess = Date.parse(`${day}T10:00:00Z`);
    const offset =
      Date.parse(`${localText(new Date(guess).toISOString(), timeZone).replace(" ", "T")}:00Z`) - guess;
    const startsAt = new Date(guess - offset).toISOString();
    expect(localText(startsAt, timeZone)).toBe(`${day} 10:00`);
    const { slot } = await buildSlot(srv, { station, startsAt });
    const { caregiver, child } = await buildFamily(srv);
    const b = await bookOk(srv, caregiver, slot.id, child.id);

    const rows = await reminderRows(srv, b.id);
    expect(rows.map((r) => r.kind)).toEqual(["evening", "soon"]);
    const prev = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(localText(rows[0]!.due_at, timeZone)).toBe(`${prev} 19:00`);
    expect(Date.parse(rows[1]!.due_at)).toBe(Date.parse(startsAt) - 2 * HOUR);
    expect(rows.every((r) => r.done_at === null)).toBe(true);
  });

  it("a booking made after a reminder's time gets only the later one, or none", async () => {
    const station = await buildStation(srv);
    const { caregiver, child } = await buildFamily(srv);
    // Starting in three hours: yesterday's evening has passed, the two-hours-before one has not.
    const soon = await buildSlot(srv, { station, startsAt: hoursFromNow(3) });
    const b1 = await bookOk(srv, caregiver, soon.slot.id, child.id);
    expect((await reminderRows(srv, b1.id)).map((r) => r.kind)).toEqual(["soon"]);
    // Starting in 90 minutes: both times have passed.
    const { caregiver: c2, child: ch2 } = await buildFamily(srv);
    const sooner = await buildSlot(srv, { station, startsAt: hoursFromNow(1.5) });
    const b2 = await bookOk(srv, c2, sooner.slot.id, ch2.id);
    expect(await reminderRows(srv, b2.id)).toEqual([]);
  });

  it("a family promoted from the waitlist gets its reminders then; a new station hour moves them", async () => {
    const station = await buildStation(srv);
    const { slot } = await buildSlot(srv, { station, capacity: 1 });
    const first = await buildFamily(srv);
    const second = await buildFamily(srv);
    const held = await bookOk(srv, first.caregiver, slot.id, first.child.id);
    const waiting = await bookOk(srv, second.caregiver, slot.id, second.child.id, true);
    expect(waiting.status).toBe("waitlisted");
    expect(await reminderRows(srv, waiting.id)).toEqual([]);
    expect((await cancelBooking(srv, first.caregiver, held.id)).status).toBe(200);
    const planned = await reminderRows(srv, waiting.id);
    expect(planned.map((r) => r.kind)).toEqual(["evening", "soon"]);
    expect(localText(planned[0]!.due_at, station.timeZone).slice(11)).toBe("18:00");

    const admin = await buildAdmin(srv);
    const res = await srv.http
      .patch(`/api/stations/${station.id}`)
      .set("Authorization", admin.auth)
      .send({ reminderHour: 20 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reminderHour).toBe(20);
    const moved = await reminderRows(srv, waiting.id);
    expect(localText(moved[0]!.due_at, station.timeZone)).toBe(
      `${localText(planned[0]!.due_at, station.timeZone).slice(0, 10)} 20:00`,
    );
    expect(moved[1]!.due_at).toBe(planned[1]!.due_at);
    const bad = await srv.http
      .patch(`/api/stations/${station.id}`)
      .set("Authorization", admin.auth)
      .send({ reminderHour: 24 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toMatchObject({ fields: { reminderHour: expect.any(String) } });
  });
});

describe("sending", () => {
  it("each reminder goes once to every caregiver of the family, listed and live, without the child's name", async () => {
    const { caregivers, child } = await twoCaregivers();
    const { slot, station } = await buildSlot(srv);
    const b = await bookOk(srv, caregivers[0]!, slot.id, child.id);
    const socket = await connectSocket(srv, caregivers[1]!.token);
    const live = nextEvent(socket, "notification:new", (n) => n.kind === "booking_reminder");

    await makeRemindersDue(srv, [b.id], "evening");
    await until(async () => (await reminderRows(srv, b.id))[0]!.outcome === "sent", {
      what: "the evening reminder",
    });
    expect((await live).payload).toMatchObject({ bookingId: b.id, when: "evening" });
    for (const who of caregivers) {
      const notes = await remindersOf(who, b.id);
      expect(notes).toHaveLength(1);
      expect(notes[0]!.payload).toEqual({
        bookingId: b.id,
        slotId: slot.id,
        stationId: station.id,
        stationName: station.name,
        startsAt: expect.any(String),
        endsAt: expect.any(String),
        childId: child.id,
        when: "evening",
      });
      expect(Date.parse(notes[0]!.payload.startsAt as string)).toBe(Date.parse(slot.startsAt));
      expect(JSON.stringify(notes)).not.toContain(child.nickname);
    }

    await makeRemindersDue(srv, [b.id], "soon");
    await until(() => remindersDone(srv, [b.id]), { what: "the soon reminder" });
    // Another pass (any node, any time later) finds nothing left to send.
    expect(await srv.cc.services.reminders.runDue()).toBe(0);
    for (const who of caregivers)
      expect((await remindersOf(who, b.id)).map((n) => n.payload.when).sort()).toEqual(["evening", "soon"]);
  });

  it("a booking cancelled, or whose slot is cancelled, before its reminders gets none", async () => {
    const { slot, station } = await buildSlot(srv);
    const a = await buildFamily(srv);
    const c = await buildFamily(srv);
    const ba = await bookOk(srv, a.caregiver, slot.id, a.child.id);
    const other = await buildSlot(srv, { station });
    const bc = await bookOk(srv, c.caregiver, other.slot.id, c.child.id);
    expect((await cancelBooking(srv, a.caregiver, ba.id)).status).toBe(200);
    const admin = await buildAdmin(srv);
    const res = await srv.http
      .post(`/api/slots/${other.slot.id}/cancel`)
      .set("Authorization", admin.auth)
      .send({ reason: "暖气坏了，今天停课" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    await makeRemindersDue(srv, [ba.id, bc.id]);
    await until(() => remindersDone(srv, [ba.id, bc.id]), { what: "the reminders to be skipped" });
    for (const id of [ba.id, bc.id])
      expect((await reminderRows(srv, id)).map((r) => r.outcome)).toEqual(["skipped", "skipped"]);
    expect(await remindersOf(a.caregiver, ba.id)).toEqual([]);
    expect(await remindersOf(c.caregiver, bc.id)).toEqual([]);
    const [notice] = await notificationsOf(srv, c.caregiver, "slot_cancelled");
    expect(notice!.payload).toMatchObject({
      slotId: other.slot.id,
      childId: c.child.id,
      stationName: station.name,
      reason: "暖气坏了，今天停课",
      startsAt: expect.any(String),
      endsAt: expect.any(String),
    });
  });

  it("an evening reminder found only after the other is due gives way to it", async () => {
    const { caregiver, child } = await buildFamily(srv);
    const { slot } = await buildSlot(srv);
    const b = await bookOk(srv, caregiver, slot.id, child.id);
    // The nodes were down from the evening until two hours before the start.
    await sqlRows(
      srv,
      sql`UPDATE slots SET starts_at = now() + interval '90 minutes', ends_at = now() + interval '3 hours'
          WHERE id = ${slot.id}::uuid`,
    );
    await makeRemindersDue(srv, [b.id]);
    await until(() => remindersDone(srv, [b.id]), { what: "both reminders handled" });
    expect((await reminderRows(srv, b.id)).map((r) => [r.kind, r.outcome])).toEqual([
      ["evening", "skipped"],
      ["soon", "sent"],
    ]);
    expect((await remindersOf(caregiver, b.id)).map((n) => n.payload.when)).toEqual(["soon"]);
  });
});
