import type { PolicyEligibility } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { fitOf, libraryOrder } from "../../server/src/modules/policies/policy-match.js";

const any: PolicyEligibility = {
  distressTypes: [],
  disabilityTypes: [],
  ageMin: null,
  ageMax: null,
  householdStatuses: [],
};
const child = {
  id: "c1",
  nickname: "乐乐",
  birthYear: 2020,
  distressType: "illness_or_disability",
  disabilityTypes: ["autism", "intellectual"],
};

describe("fitOf (decision 128)", () => {
  it("a card with no criterion fits nobody in particular", () => {
    expect(fitOf(any, child, "dibao", 2026)).toBeNull();
  });

  it("every stated criterion must hold; the reasons name what matched", () => {
    const e = { ...any, disabilityTypes: ["autism", "hearing"], ageMin: 0, ageMax: 6 } as PolicyEligibility;
    expect(fitOf(e, child, null, 2026)).toEqual({
      childId: "c1",
      nickname: "乐乐",
      disabilityTypes: ["autism"],
      distressType: null,
      age: 6,
      householdStatus: null,
    });
    expect(fitOf(e, child, null, 2027)).toBeNull();
    expect(fitOf({ ...e, disabilityTypes: ["hearing"] }, child, null, 2026)).toBeNull();
  });

  it("the age bounds are inclusive", () => {
    expect(fitOf({ ...any, ageMin: 6 }, child, null, 2026)?.age).toBe(6);
    expect(fitOf({ ...any, ageMin: 7 }, child, null, 2026)).toBeNull();
    expect(fitOf({ ...any, ageMax: 6 }, child, null, 2026)?.age).toBe(6);
    expect(fitOf({ ...any, ageMax: 5 }, child, null, 2026)).toBeNull();
  });

  it("a household criterion needs a recorded status in its list", () => {
    const e: PolicyEligibility = { ...any, householdStatuses: ["dibao", "low_income"] };
    expect(fitOf(e, child, null, 2026)).toBeNull();
    expect(fitOf(e, child, "none", 2026)).toBeNull();
    expect(fitOf(e, child, "low_income", 2026)?.householdStatus).toBe("low_income");
  });

  it("a distress criterion matches the child's distress type", () => {
    expect(fitOf({ ...any, distressTypes: ["poverty"] }, child, null, 2026)).toBeNull();
    expect(fitOf({ ...any, distressTypes: ["illness_or_disability"] }, child, null, 2026)?.distressType).toBe(
      "illness_or_disability",
    );
  });
});

describe("libraryOrder", () => {
  it("puts fitting cards first, then the nearest deadline, ongoing last", () => {
    const card = (title: string, fits: number, deadline: string | null) => ({
      title,
      fits: Array(fits).fill(0),
      deadline,
    });
    const sorted = [
      card("d", 0, null),
      card("c", 0, "2026-01-02"),
      card("b", 1, null),
      card("a", 1, "2026-03-01"),
      card("e", 0, "2026-01-01"),
    ].sort(libraryOrder);
    expect(sorted.map((c) => c.title)).toEqual(["a", "b", "e", "c", "d"]);
  });
});
