import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localMonthBounds, localParts, localWeekBounds } from "../../server/src/modules/slots/local-time.js";
import {
  fitsOpeningHours,
  occurrences,
  type RecurrenceRule,
} from "../../server/src/modules/slots/recurrence.js";

const rule = (o: Partial<RecurrenceRule> = {}): RecurrenceRule => ({
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  startTime: "09:00",
  endTime: "11:00",
  validFrom: "2027-01-01",
  validTo: null,
  weeksAhead: 4,
  ...o,
});
const now = new Date("2027-03-20T12:00:00Z");

describe("recurrence", () => {
  it("keeps the wall-clock time across the spring DST change in Berlin", () => {
    const occ = occurrences(rule({ validFrom: "2027-03-26", validTo: "2027-03-30" }), {
      timeZone: "Europe/Berlin",
      now,
    });
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual([
      "2027-03-26T08:00:00.000Z",
      "2027-03-27T08:00:00.000Z",
      "2027-03-28T07:00:00.000Z",
      "2027-03-29T07:00:00.000Z",
      "2027-03-30T07:00:00.000Z",
    ]);
    for (const o of occ) expect(localParts(o.startsAt, "Europe/Berlin").time).toBe("09:00");
  });

  it("keeps the wall-clock time across the autumn change, and resolves gap and overlap times", () => {
    const autumn = occurrences(rule({ validFrom: "2027-10-30", validTo: "2027-11-01", weeksAhead: 52 }), {
      timeZone: "Europe/Berlin",
      now,
    });
    expect(autumn.map((o) => o.startsAt.toISOString())).toEqual([
      "2027-10-30T07:00:00.000Z",
      "2027-10-31T08:00:00.000Z",
      "2027-11-01T08:00:00.000Z",
    ]);
    const gap = occurrences(
      rule({ startTime: "02:30", endTime: "04:00", validFrom: "2027-03-28", validTo: "2027-03-28" }),
      {
        timeZone: "Europe/Berlin",
        now,
      },
    );
    expect(gap[0]!.startsAt.toISOString()).toBe("2027-03-28T01:30:00.000Z"); // 03:30 CEST
    expect(gap[0]!.endsAt.toISOString()).toBe("2027-03-28T02:00:00.000Z"); // 04:00 CEST
  });

  it("honours weekdays, validity, the horizon, blackouts and slots already started", () => {
    const occ = occurrences(
      rule({ weekdays: [1, 3], validFrom: "2027-03-01", validTo: null, weeksAhead: 2 }),
      {
        timeZone: "Asia/Shanghai",
        now,
        blackouts: new Set(["2027-03-24"]),
      },
    );
    // Today (Sat 20 Mar) + 14 days: Mon 22, (Wed 24 blackout), Mon 29, Wed 31, and nothing from 3 Apr.
    expect(occ.map((o) => o.localDate)).toEqual(["2027-03-22", "2027-03-29", "2027-03-31"]);
    const today = occurrences(rule({ startTime: "19:00", endTime: "21:00", weeksAhead: 1 }), {
      timeZone: "Asia/Shanghai",
      now,
    });
    expect(today[0]!.localDate).toBe("2027-03-21"); // 20:00 local now: today's 19:00 has started
  });

  it("every occurrence is at the rule's local time on an allowed weekday (any zone, any date)", () => {
    const zones = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 20 }),
        (tz, dayOffset, weekdays, hour) => {
          const at = new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000);
          const start = `${String(hour).padStart(2, "0")}:15`;
          const end = `${String(hour + 2).padStart(2, "0")}:45`;
          const occ = occurrences(
            rule({ weekdays, startTime: start, endTime: end, validFrom: "2025-01-01", weeksAhead: 3 }),
            {
              timeZone: tz,
              now: at,
            },
          );
          for (const o of occ) {
            const p = localParts(o.startsAt, tz);
            expect(weekdays).toContain(p.weekday);
            expect(p.date).toBe(o.localDate);
            // Only a DST gap may move the time (forward by the gap).
            if (p.time !== start) expect(p.time > start).toBe(true);
            expect(o.startsAt > at).toBe(true);
            expect(o.endsAt > o.startsAt).toBe(true);
          }
          expect(new Set(occ.map((o) => o.localDate)).size).toBe(occ.length);
        },
      ),
    );
  });

  it("finds station-local weeks and months (a DST week is 167 hours long)", () => {
    const week = localWeekBounds(new Date("2027-03-28T12:00:00Z"), "Europe/Berlin");
    expect(week.start.toISOString()).toBe("2027-03-21T23:00:00.000Z");
    expect((week.end.getTime() - week.start.getTime()) / 3_600_000).toBe(167);
    const month = localMonthBounds(new Date("2027-02-28T20:00:00Z"), "Asia/Shanghai");
    expect(month.start.toISOString()).toBe("2027-02-28T16:00:00.000Z"); // 1 March 00:00 +08:00
  });

  it("checks opening hours per weekday; no hours means always open", () => {
    const hours = {
      "1": [
        ["09:00", "12:00"],
        ["14:00", "17:00"],
      ] as [string, string][],
    };
    expect(fitsOpeningHours(hours, 1, "09:00", "12:00")).toBe(true);
    expect(fitsOpeningHours(hours, 1, "11:00", "15:00")).toBe(false);
    expect(fitsOpeningHours(hours, 2, "09:00", "10:00")).toBe(false);
    expect(fitsOpeningHours({}, 2, "02:00", "03:00")).toBe(true);
  });
});
