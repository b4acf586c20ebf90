import { describe, expect, it } from "vitest";
import {
  type BookabilityInput,
  bookability,
  freeCancelUntil,
} from "../../server/src/modules/bookings/booking-rules.js";
import { buildCalendar, escapeText, foldLine } from "../../server/src/modules/bookings/ical.js";
import { NO_NEEDS } from "../../server/src/modules/bookings/staffing-rules.js";

const now = new Date("2027-05-10T02:00:00Z"); // Monday 10:00 in Shanghai
const h = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const input = (o: Partial<BookabilityInput> = {}): BookabilityInput => ({
  now,
  station: {
    timeZone: "Asia/Shanghai",
    disabilityTypes: ["autism", "intellectual"],
    bookingWindowDays: 14,
    maxBookingsPerWeek: 2,
    maxHoursPerMonth: 10,
  },
  slot: {
    id: "s",
    stationId: "st",
    startsAt: h(24),
    endsAt: h(26),
    capacity: 2,
    confirmedCount: 0,
    cancelled: false,
  },
  child: { id: "c", disabilityTypes: ["autism"], needs: NO_NEEDS },
  familyBookings: [],
  staffing: { onShift: [], childrenPerStaff: null, seated: { oneToOne: 0, shared: 0 } },
  ...o,
});
const fact = (o: {
  startsAt: Date;
  endsAt: Date;
  status?: "confirmed" | "waitlisted" | "completed";
  childId?: string;
  slotId?: string;
  stationId?: string;
}) => ({
  slotId: o.slotId ?? `x${o.startsAt.getTime()}`,
  stationId: o.stationId ?? "st",
  childId: o.childId ?? "c",
  status: o.status ?? ("confirmed" as const),
  startsAt: o.startsAt,
  endsAt: o.endsAt,
});

describe("bookability", () => {
  it("is bookable with nothing in the way", () => {
    expect(bookability(input()).reasons).toEqual([]);
  });

  it("names every reason that applies", () => {
    expect(bookability(input({ slot: { ...input().slot, confirmedCount: 2 } })).reasons).toEqual(["full"]);
    expect(bookability(input({ slot: { ...input().slot, startsAt: h(-1), endsAt: h(1) } })).reasons).toEqual([
      "too_late",
    ]);
    expect(
      bookability(input({ slot: { ...input().slot, startsAt: h(24 * 15), endsAt: h(24 * 15 + 2) } })).reasons,
    ).toEqual(["not_open_yet"]);
    expect(
      bookability(input({ child: { id: "c", disabilityTypes: ["autism", "hearing"], needs: NO_NEEDS } }))
        .reasons,
    ).toEqual(["type_not_accepted"]);
    expect(bookability(input({ slot: { ...input().slot, cancelled: true } })).reasons).toEqual(["cancelled"]);
  });

  it("sees overlaps of the same child only, with confirmed or checked-in bookings", () => {
    const overlapping = fact({ startsAt: h(25), endsAt: h(27) });
    expect(bookability(input({ familyBookings: [overlapping] })).reasons).toEqual(["overlap"]);
    expect(bookability(input({ familyBookings: [{ ...overlapping, childId: "sibling" }] })).reasons).toEqual(
      [],
    );
    expect(
      bookability(input({ familyBookings: [{ ...overlapping, status: "waitlisted" }] })).reasons,
    ).toEqual([]);
    // Back to back is not an overlap ([start, end) ranges).
    expect(
      bookability(input({ familyBookings: [fact({ startsAt: h(26), endsAt: h(28) })] })).reasons,
    ).toEqual([]);
  });

  it("counts the weekly quota in the station's local week and the monthly hours in its local month", () => {
    const week = [
      fact({ startsAt: h(-3 * 24), endsAt: h(-3 * 24 + 1), status: "completed" }),
      fact({ startsAt: h(48), endsAt: h(49) }),
    ];
    // Monday 10:00 local; 3 days earlier is the week before.
    expect(bookability(input({ familyBookings: week })).reasons).toEqual([]);
    const full = [...week, fact({ startsAt: h(72), endsAt: h(73), childId: "sibling" })];
    expect(bookability(input({ familyBookings: full }))).toEqual({
      reasons: ["quota_reached"],
      quota: "week",
    });
    const otherStation = full.map((f) => ({ ...f, stationId: "elsewhere" }));
    expect(bookability(input({ familyBookings: otherStation })).reasons).toEqual([]);
    const hours = [fact({ startsAt: h(-24 * 5), endsAt: h(-24 * 5 + 9), status: "completed" })];
    expect(bookability(input({ familyBookings: hours }))).toEqual({
      reasons: ["quota_reached"],
      quota: "month",
    });
  });

  it("frees cancellation until the cut-off, or the grace period if later", () => {
    const start = h(10);
    expect(freeCancelUntil(start, 24, null)).toEqual(h(-14));
    expect(freeCancelUntil(start, 24, h(2))).toEqual(h(2));
    expect(freeCancelUntil(start, 6, h(2))).toEqual(h(4));
  });
});

describe("iCalendar text", () => {
  it("escapes TEXT values and folds long lines at 75 octets without splitting characters", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const line = `SUMMARY:${"喘息服务".repeat(20)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("builds a CRLF calendar with one VEVENT per event", () => {
    const ics = buildCalendar("预约", [
      {
        uid: "booking-1@carecircle",
        stamp: new Date("2027-01-01T00:00:00Z"),
        start: new Date("2027-01-02T01:00:00Z"),
        end: new Date("2027-01-02T03:00:00Z"),
        summary: "喘息服务 · 小宇",
        status: "CONFIRMED",
        sequence: 1,
      },
    ]);
    expect(ics).toContain("\r\nDTSTART:20270102T010000Z\r\n");
    expect(ics.split("\r\n").filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});
