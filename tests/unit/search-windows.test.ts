import { describe, expect, it } from "vitest";
import { windowSteps, windowToken } from "../../server/src/modules/search/search-windows.js";

const A = "aaaaaaaa-0000-4000-8000-000000000000";
const B = "bbbbbbbb-0000-4000-8000-000000000000";

describe("search windows (decision 113)", () => {
  it("a small group is one step that finishes it", () => {
    expect(windowSteps([{ groupId: A, lastSeq: 5000 }])).toEqual([
      { tokens: [windowToken(A, 1), windowToken(A, 0)], openFrom: [] },
    ]);
    expect(windowToken(A, 7)).toBe("~aaaaaaaa7");
  });

  it("a million messages: 2, 8, 32 and 128 windows back, newest first, then the rest is left to the index", () => {
    const steps = windowSteps([{ groupId: A, lastSeq: 1_000_000 }]);
    // 1,000,000 >> 12 = 244: windows 244-243, 242-235, 234-203, 202-75.
    expect(steps.map((s) => s.tokens.length)).toEqual([2, 8, 32, 128]);
    expect(steps[0]!.tokens).toEqual(["~aaaaaaaa244", "~aaaaaaaa243"]);
    expect(steps[1]!.tokens.at(0)).toBe("~aaaaaaaa242");
    expect(steps[3]!.tokens.at(-1)).toBe("~aaaaaaaa75");
    expect(steps.map((s) => s.openFrom)).toEqual(
      [243, 235, 203, 75].map((w) => [{ groupId: A, seq: w * 4096 }]),
    );
  });

  it("several groups: each covers its own newest windows; a finished group drops out", () => {
    const steps = windowSteps([
      { groupId: A, lastSeq: 100 },
      { groupId: B, lastSeq: 50_000 },
    ]);
    // B: 50,000 >> 12 = 12 -> windows 12-11, then 10-3, then 2-0.
    expect(steps[0]).toEqual({
      tokens: ["~aaaaaaaa0", "~bbbbbbbb12", "~bbbbbbbb11"],
      openFrom: [{ groupId: B, seq: 11 * 4096 }],
    });
    expect(steps[1]!.openFrom).toEqual([{ groupId: B, seq: 3 * 4096 }]);
    expect(steps[2]).toEqual({ tokens: ["~bbbbbbbb2", "~bbbbbbbb1", "~bbbbbbbb0"], openFrom: [] });
    expect(steps).toHaveLength(3);
  });
});
