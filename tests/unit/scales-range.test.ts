import { FAMILY_RESILIENCE_TEMPLATE, plainChange, SSRS, scoreRanges } from "@carecircle/shared";
import { describe, expect, it } from "vitest";

describe("scoreRanges", () => {
  it("gives the SSRS's published ranges: total 12-66 and each subscale", () => {
    expect(scoreRanges(SSRS)).toEqual({
      total: { min: 12, max: 66 },
      subscales: {
        objective: { min: 1, max: 22 },
        subjective: { min: 8, max: 32 },
        utilisation: { min: 3, max: 12 },
      },
    });
  });

  it("has no range for a template without items", () => {
    expect(scoreRanges(FAMILY_RESILIENCE_TEMPLATE).total).toBeNull();
    expect(scoreRanges(FAMILY_RESILIENCE_TEMPLATE).subscales.cohesion).toBeNull();
  });
});

describe("plainChange", () => {
  const range = { min: 0, max: 100 };
  it("reads a change without a norm by its share of the range", () => {
    expect(plainChange(4.9, range, null)).toBe("same");
    expect(plainChange(5, range, null)).toBe("up_a_little");
    expect(plainChange(20, range, null)).toBe("up_a_lot");
    expect(plainChange(-19, range, null)).toBe("down_a_little");
    expect(plainChange(-25, range, null)).toBe("down_a_lot");
  });

  it("with a norm, only a reliable change is a lot", () => {
    expect(plainChange(30, range, "no_reliable_change")).toBe("up_a_little");
    expect(plainChange(8, range, "reliable_improvement")).toBe("up_a_lot");
    expect(plainChange(-8, range, "reliable_deterioration")).toBe("down_a_lot");
    expect(plainChange(0, range, "no_reliable_change")).toBe("same");
  });
});
