import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareWaitlist,
  orderWaitlist,
  type WaitlistCandidate,
} from "../../server/src/modules/bookings/waitlist-order.js";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute));
const c = (bookingId: string, o: Partial<WaitlistCandidate> = {}): WaitlistCandidate => ({
  bookingId,
  urgent: false,
  latestStress: null,
  hoursLast30Days: 0,
  waitlistedAt: at(0),
  ...o,
});

describe("waitlist order", () => {
  it("puts urgent first, then higher stress, then fewer hours, then first come", () => {
    const list = [
      c("first-come", { waitlistedAt: at(0) }),
      c("second-come", { waitlistedAt: at(1) }),
      c("stress3", { latestStress: 3, waitlistedAt: at(5) }),
      c("stress5-many-hours", { latestStress: 5, hoursLast30Days: 12, waitlistedAt: at(2) }),
      c("stress5-few-hours", { latestStress: 5, hoursLast30Days: 2, waitlistedAt: at(9) }),
      c("urgent-calm", { urgent: true, latestStress: 1, hoursLast30Days: 40, waitlistedAt: at(30) }),
    ];
    expect(orderWaitlist(list).map((x) => x.bookingId)).toEqual([
      "urgent-calm",
      "stress5-few-hours",
      "stress5-many-hours",
      "stress3",
      "first-come",
      "second-come",
    ]);
  });

  it("treats a family without a recent check-in as calmer than any rating", () => {
    expect(
      orderWaitlist([
        c("none", { waitlistedAt: at(0) }),
        c("one", { latestStress: 1, waitlistedAt: at(5) }),
      ])[0]!.bookingId,
    ).toBe("one");
  });

  it("compares hours to the minute, so float noise does not reorder equal families", () => {
    const a = c("a", { hoursLast30Days: 2 / 3, waitlistedAt: at(0) });
    const b = c("b", { hoursLast30Days: 0.6666666667, waitlistedAt: at(1) });
    expect(orderWaitlist([b, a]).map((x) => x.bookingId)).toEqual(["a", "b"]);
  });

  it("does not change its input", () => {
    const list = [c("b", { waitlistedAt: at(1) }), c("a", { waitlistedAt: at(0) })];
    orderWaitlist(list);
    expect(list.map((x) => x.bookingId)).toEqual(["b", "a"]);
  });

  const candidate = fc.record({
    bookingId: fc.uuid(),
    urgent: fc.boolean(),
    latestStress: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    hoursLast30Days: fc.double({ min: 0, max: 200, noNaN: true }),
    waitlistedAt: fc.integer({ min: 0, max: 10_000 }).map((m) => new Date(Date.UTC(2026, 0, 1) + m * 60_000)),
  });

  it("is a total order: antisymmetric, transitive, and the result is sorted by every key in turn", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 30 }), (list) => {
        const sorted = orderWaitlist(list);
        expect(sorted).toHaveLength(list.length);
        for (let i = 1; i < sorted.length; i++) {
          const [p, q] = [sorted[i - 1]!, sorted[i]!];
          expect(compareWaitlist(p, q)).toBeLessThanOrEqual(0);
          expect(Math.sign(compareWaitlist(p, q))).toBe(-Math.sign(compareWaitlist(q, p)));
          if (p.urgent !== q.urgent) expect(p.urgent).toBe(true);
        }
        // Deterministic whatever the input order.
        expect(orderWaitlist([...list].reverse()).map((x) => x.bookingId)).toEqual(
          sorted.map((x) => x.bookingId),
        );
      }),
    );
  });
});
