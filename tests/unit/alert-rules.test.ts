import { describe, expect, it } from "vitest";
import { stressAlertTier } from "../../server/src/modules/checkins/checkins.service.js";
import { highestTier } from "../../server/src/modules/moderation/watched-words.js";

describe("stress alert rule (docs/decisions/073)", () => {
  it("a 5 is intent, whatever came before", () => {
    expect(stressAlertTier(5, null)).toBe("intent");
    expect(stressAlertTier(5, 5)).toBe("intent");
  });
  it("a rise of 2 or more over the week's lowest is distress; less, or no earlier check-in, is nothing", () => {
    expect(stressAlertTier(4, 2)).toBe("distress");
    expect(stressAlertTier(3, 1)).toBe("distress");
    expect(stressAlertTier(4, 3)).toBeNull();
    expect(stressAlertTier(4, null)).toBeNull();
    expect(stressAlertTier(1, 1)).toBeNull();
  });
});

describe("highest crisis tier", () => {
  const of = (...tiers: ("distress" | "intent" | "imminent" | null)[]) => tiers.map((tier) => ({ tier }));
  it("imminent beats intent beats distress; none (or only non-crisis matches) is null", () => {
    expect(highestTier([])).toBeNull();
    expect(highestTier(of(null))).toBeNull();
    expect(highestTier(of("distress", "intent"))).toBe("intent");
    expect(highestTier(of("intent", "imminent", null, "distress"))).toBe("imminent");
  });
});
