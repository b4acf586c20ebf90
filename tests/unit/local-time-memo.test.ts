import { describe, expect, it } from "vitest";
import {
  localMonthBounds,
  localParts,
  localWeekBounds,
  toOffsetIso,
} from "../../server/src/modules/slots/local-time.js";

/** The zone answers are remembered (a booking storm asks the same ones); callers must not share them. */
describe("remembered zone arithmetic", () => {
  const at = new Date("2027-03-14T12:00:00Z");

  it("hands out copies: changing one answer does not change the next", () => {
    const week = localWeekBounds(at, "America/New_York");
    week.start.setTime(0);
    expect(localWeekBounds(at, "America/New_York").start.toISOString()).toBe("2027-03-08T05:00:00.000Z");
    const parts = localParts(at, "Asia/Shanghai");
    parts.date = "changed";
    expect(localParts(at, "Asia/Shanghai").date).toBe("2027-03-14");
  });

  it("tells zones and instants apart, past the number it keeps", () => {
    for (let i = 0; i < 1200; i++) {
      const t = new Date(Date.UTC(2027, 0, 1) + i * 3_600_000);
      const shanghai = new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(localParts(t, "Asia/Shanghai").date).toBe(shanghai);
      expect(localParts(t, "UTC").date).toBe(t.toISOString().slice(0, 10));
    }
    // across New York's DST start the month is 31 days of 24 h less one hour
    const m = localMonthBounds(at, "America/New_York");
    expect(m.end.getTime() - m.start.getTime()).toBe(31 * 86_400_000 - 3_600_000);
    expect(toOffsetIso(at, "America/New_York")).toBe("2027-03-14T08:00:00-04:00");
    expect(toOffsetIso(at, "Asia/Shanghai")).toBe("2027-03-14T20:00:00+08:00");
  });
});
