import { describe, expect, it } from "vitest";
import {
  type SlotStaffing,
  type StationRoster,
  staffingVerdict,
  staffOnShift,
  withSeated,
} from "../../server/src/modules/bookings/staffing-rules.js";

// 2027-05-10 is a Monday; 09:00-11:00 in Shanghai.
const slot = { startsAt: new Date("2027-05-10T01:00:00Z"), endsAt: new Date("2027-05-10T03:00:00Z") };
const TZ = "Asia/Shanghai";
const shift = (userId: string, startTime: string, endTime: string, weekday = 1) => ({
  userId,
  weekday,
  startTime,
  endTime,
  validFrom: "2027-01-01",
  validUntil: null,
});
const roster = (o: Partial<StationRoster>): StationRoster => ({
  shifts: [],
  exceptions: [],
  qualifications: [],
  names: new Map([
    ["a", "Ann"],
    ["b", "Bo"],
  ]),
  ...o,
});

describe("staffOnShift", () => {
  it("counts only staff on shift for the whole slot, joining touching shifts", () => {
    const r = roster({
      shifts: [shift("a", "08:00", "10:00"), shift("a", "10:00", "12:00"), shift("b", "09:30", "12:00")],
    });
    expect(staffOnShift(r, slot, TZ).map((s) => s.userId)).toEqual(["a"]);
  });

  it("uses the station-local weekday and the shift's validity", () => {
    expect(staffOnShift(roster({ shifts: [shift("a", "08:00", "12:00", 2)] }), slot, TZ)).toEqual([]);
    const ended = { ...shift("a", "08:00", "12:00"), validUntil: "2027-05-09" };
    expect(staffOnShift(roster({ shifts: [ended] }), slot, TZ)).toEqual([]);
  });

  it("takes away staff who are off that day and adds extra hours", () => {
    const r = roster({
      shifts: [shift("a", "08:00", "12:00")],
      exceptions: [
        { userId: "a", date: "2027-05-10", kind: "off", startTime: null, endTime: null },
        { userId: "b", date: "2027-05-10", kind: "extra", startTime: "09:00", endTime: "11:00" },
      ],
    });
    expect(staffOnShift(r, slot, TZ).map((s) => s.userId)).toEqual(["b"]);
  });

  it("lists only qualifications still valid on the slot's local date", () => {
    const r = roster({
      shifts: [shift("a", "08:00", "12:00")],
      qualifications: [
        { userId: "a", needCode: "insulin", expiresOn: "2027-05-10" },
        { userId: "a", needCode: "tube_feeding", expiresOn: "2027-05-09" },
      ],
    });
    expect(staffOnShift(r, slot, TZ)).toEqual([{ userId: "a", displayName: "Ann", needs: ["insulin"] }]);
  });
});

describe("staffingVerdict", () => {
  const two = [
    { userId: "a", displayName: "Ann", needs: ["tube_feeding"] },
    { userId: "b", displayName: "Bo", needs: [] },
  ];
  const none = { oneToOne: 0, shared: 0 };

  it("names the needs nobody on shift is qualified for", () => {
    const v = staffingVerdict(
      { onShift: two, childrenPerStaff: null, seated: none },
      {
        codes: ["insulin", "tube_feeding"],
        oneToOne: true,
      },
    );
    expect(v).toEqual({ unmetNeeds: ["insulin"], ratioFull: false });
  });

  it("gives a one-to-one child a whole staff member and shares the rest at the ratio", () => {
    let s: SlotStaffing = { onShift: two, childrenPerStaff: 3, seated: none };
    const shared = { codes: [], oneToOne: false };
    const whole = { codes: [], oneToOne: true };
    s = withSeated(s, whole);
    for (let i = 0; i < 3; i++) {
      expect(staffingVerdict(s, shared).ratioFull).toBe(false);
      s = withSeated(s, shared);
    }
    expect(staffingVerdict(s, shared).ratioFull).toBe(true);
    expect(staffingVerdict(s, whole).ratioFull).toBe(true);
  });

  it("without a ratio, only one-to-one children use up staff", () => {
    const s = { onShift: two, childrenPerStaff: null, seated: { oneToOne: 2, shared: 30 } };
    expect(staffingVerdict(s, { codes: [], oneToOne: false }).ratioFull).toBe(false);
    expect(staffingVerdict(s, { codes: [], oneToOne: true }).ratioFull).toBe(true);
  });
});
