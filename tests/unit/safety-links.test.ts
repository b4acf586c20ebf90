import { notificationLink } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { splitPhones, telHref } from "../../client/src/components/phone-numbers.js";

const phones = (text: string) => splitPhones(text).filter((_, i) => i % 2 === 1);

describe("phone numbers in the crisis help text", () => {
  it("finds hotlines, dashed and long numbers, in Chinese and English text", () => {
    const zh =
      "如果你或孩子现在有危险，请立即拨打 120（急救）或 110（报警）。全国心理援助热线 12356，或希望24热线 400-161-9995，北京 010-82951332，手机13800001234。";
    expect(phones(zh)).toEqual(["120", "110", "12356", "400-161-9995", "010-82951332", "13800001234"]);
    expect(phones("call 120 (ambulance) or 110; hotline 12356 or 400-161-9995.")).toEqual([
      "120",
      "110",
      "12356",
      "400-161-9995",
    ]);
    expect(splitPhones(zh).join("")).toBe(zh);
  });

  it("leaves out what is not a phone number: 2 digits, long runs, dates", () => {
    expect(phones("希望24热线，24 小时都有人接听")).toEqual([]);
    expect(phones("编号 1234567 和 2026-11-30")).toEqual([]);
  });

  it("dials without the dashes", () => {
    expect(telHref("400-161-9995")).toBe("tel:4001619995");
    expect(telHref("120")).toBe("tel:120");
  });
});

describe("where a notification leads", () => {
  const n = (kind: string, payload: Record<string, unknown>) =>
    notificationLink({ kind: kind as "mention", payload });
  const g = "0b7f9a3e-5c1d-4f7e-9a2b-1c3d4e5f6a7b";

  it("a message to its chat at that message, an alert to the alert, a booking or activity to it", () => {
    expect(n("mention", { groupId: g, messageId: "m", seq: 42, by: "x" })).toBe(`/groups/${g}?at=42`);
    expect(n("reply", { groupId: g, seq: 7 })).toBe(`/groups/${g}?at=7`);
    expect(n("moderation_alert", { alertId: "a1", groupId: g, seq: 3 })).toBe("/alerts?alert=a1");
    expect(n("booking_promoted", { bookingId: "b1", slotId: "s" })).toBe("/bookings?booking=b1");
    expect(n("activity_promoted", { activityId: "a9", startsAt: "2026-12-03T06:00:00Z" })).toBe(
      "/activities/a9",
    );
    expect(n("muted", { groupId: g, groupName: "群" })).toBe(`/groups/${g}`);
  });

  it("a coverage alert opens its list, not the station's bookings or the alert queue", () => {
    expect(n("coverage_lost", { coverageAlertId: "c1", stationId: "s1", count: 2 })).toBe(
      "/coverage-alerts/c1",
    );
    expect(n("coverage_lost", { coverageAlertId: "c/2", alertId: "a", bookingId: "b" })).toBe(
      "/coverage-alerts/c%2F2",
    );
  });

  it("a report opens the review queue, a reset code Settings, whatever their payload names", () => {
    expect(n("report_filed", { groupId: g, messageId: "m", seq: 5, hidden: false })).toBe("/moderation");
    expect(n("reset_code_issued", { issuedBy: "admin", expiresAt: "2026-01-01T00:00:00Z" })).toBe(
      "/settings",
    );
  });

  it("kinds it has never heard of still open what their payload names; nothing to open is null", () => {
    expect(n("stress_alert", { alertId: "a2", familyId: "f" })).toBe("/alerts?alert=a2");
    expect(n("something_new", { groupId: g, seq: "not a number" })).toBe(`/groups/${g}`);
    expect(n("something_new", {})).toBeNull();
  });
});
