import { describe, expect, it } from "vitest";
import {
  plannedReminders,
  reminderDueTimes,
  reminderVerdict,
} from "../../server/src/modules/reminders/reminder-rules.js";

/* The pure rules of booking reminders (decision 107): when they are due, which are planned, which are sent. */

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe("reminderDueTimes", () => {
  it("the evening before at the station's hour in its zone, and two hours before the start", () => {
    const due = reminderDueTimes({
      startsAt: at("2026-03-10T01:00:00Z"),
      timeZone: "Asia/Shanghai",
      reminderHour: 18,
    });
    // 09:00 on 10 March in Shanghai: the evening reminder is 18:00 on 9 March there (10:00 UTC).
    expect(due.evening.toISOString()).toBe("2026-03-09T10:00:00.000Z");
    expect(due.soon.toISOString()).toBe("2026-03-09T23:00:00.000Z");
  });

  it("follows daylight saving time: the day before is a 23-hour day in New York", () => {
    // 8 March 2026 is the spring change in New York: 10:00 EDT on 9 March is 14:00 UTC.
    const due = reminderDueTimes({
      startsAt: at("2026-03-09T14:00:00Z"),
      timeZone: "America/New_York",
      reminderHour: 19,
    });
    // 19:00 EDT on 8 March (after the change) is 23:00 UTC.
    expect(due.evening.toISOString()).toBe("2026-03-08T23:00:00.000Z");
  });

  it("the evening before is the local day before, even when UTC says otherwise", () => {
    // 07:00 on 10 March in Shanghai is 23:00 UTC on 9 March.
    const due = reminderDueTimes({
      startsAt: at("2026-03-09T23:00:00Z"),
      timeZone: "Asia/Shanghai",
      reminderHour: 20,
    });
    expect(due.evening.toISOString()).toBe("2026-03-09T12:00:00.000Z");
  });
});

describe("plannedReminders", () => {
  const facts = { startsAt: at("2026-03-10T01:00:00Z"), timeZone: "Asia/Shanghai", reminderHour: 18 };
  it("both when booked days ahead", () => {
    expect(plannedReminders(facts, at("2026-03-05T00:00:00Z")).map((r) => r.kind)).toEqual([
      "evening",
      "soon",
    ]);
  });
  it("no reminder whose time has passed", () => {
    expect(plannedReminders(facts, at("2026-03-09T12:00:00Z")).map((r) => r.kind)).toEqual(["soon"]);
    expect(plannedReminders(facts, at("2026-03-09T23:30:00Z"))).toEqual([]);
  });
  it("no evening reminder after the two-hours-before one", () => {
    // 00:30 on 10 March with a 23:00 reminder hour: 23:00 on 9 March is after 22:30.
    const late = { startsAt: at("2026-03-09T16:30:00Z"), timeZone: "Asia/Shanghai", reminderHour: 23 };
    expect(plannedReminders(late, at("2026-03-01T00:00:00Z")).map((r) => r.kind)).toEqual(["soon"]);
  });
});

describe("reminderVerdict", () => {
  const startsAt = at("2026-03-10T01:00:00Z");
  const base = { kind: "soon" as const, bookingStatus: "confirmed", slotCancelled: false, startsAt };
  const now = new Date(startsAt.getTime() - 2 * HOUR);
  it("sends for a standing booking before the start", () => {
    expect(reminderVerdict({ ...base, now })).toEqual({ send: true });
  });
  it("skips a cancelled booking, a cancelled slot, a started slot", () => {
    expect(reminderVerdict({ ...base, bookingStatus: "cancelled", now })).toEqual({
      send: false,
      reason: "not_confirmed",
    });
    expect(reminderVerdict({ ...base, slotCancelled: true, now })).toEqual({
      send: false,
      reason: "slot_cancelled",
    });
    expect(reminderVerdict({ ...base, now: startsAt })).toEqual({ send: false, reason: "started" });
  });
  it("an evening reminder late enough to meet the other gives way to it", () => {
    expect(reminderVerdict({ ...base, kind: "evening", now })).toEqual({ send: false, reason: "superseded" });
    expect(reminderVerdict({ ...base, kind: "evening", now: new Date(now.getTime() - 1) })).toEqual({
      send: true,
    });
  });
});
