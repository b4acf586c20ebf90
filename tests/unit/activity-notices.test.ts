import { notificationLink, PUSH_KIND_OF } from "@carecircle/shared";
import { describe, expect, it } from "vitest";

/* Group-activity notices (decision 148): a tap opens the activity; reminders push as reminders. */

describe("group-activity notices", () => {
  it("open the activity's page, whatever the kind", () => {
    for (const kind of ["activity_promoted", "activity_reminder", "activity_cancelled"])
      expect(notificationLink({ kind, payload: { activityId: "a/1", startsAt: "x" } }, "caregiver")).toBe(
        "/activities/a%2F1",
      );
  });

  it("push under the preferences a family already knows", () => {
    expect(PUSH_KIND_OF.activity_reminder).toBe("reminders");
    expect(PUSH_KIND_OF.activity_cancelled).toBe("slot_cancelled");
    expect(PUSH_KIND_OF.activity_promoted).toBe("waitlist");
  });
});
