import { notificationLink, PUSH_KIND_OF } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { pushPayload } from "../../server/src/modules/push/push-content.js";

/* Series and qualification-expiry notices (decisions 151, 152): where a tap leads, how they push. */

describe("series and qualification-expiry notices", () => {
  it("a series notice opens the family's bookings at the series", () => {
    const n = { kind: "series_booked", payload: { seriesId: "s/1", childId: "c", stationId: "st" } };
    expect(notificationLink(n, "caregiver")).toBe("/bookings?series=s%2F1");
  });

  it("push under preferences people already know, with generic titles only", () => {
    expect(PUSH_KIND_OF.series_booked).toBe("booking_confirmed");
    expect(PUSH_KIND_OF.qualification_expiring).toBe("reminders");
    const p = pushPayload(
      {
        id: "n1",
        kind: "qualification_expiring",
        payload: { qualificationId: "q", needCode: "tube_feeding" },
      },
      "en",
      "station_staff",
    );
    expect(p).toEqual({
      kind: "qualification_expiring",
      title: "A care qualification expires soon",
      url: "/notifications",
      tag: "n1",
    });
    expect(JSON.stringify(p)).not.toContain("tube_feeding");
  });
});
