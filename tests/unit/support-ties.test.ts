import { describe, expect, it } from "vitest";
import {
  countTies,
  peerStrength,
  socialWorkerStrength,
  stationStrength,
} from "../../server/src/modules/support-map/support-ties.js";

/* How strong a platform tie is, from activity in the last 90 days (decision 135). */

describe("tie strength", () => {
  it("a group: joined only weak, 1-9 posts medium, 10 or more strong", () => {
    expect([0, 1, 9, 10, 50].map(peerStrength)).toEqual([1, 2, 2, 3, 3]);
  });
  it("a station: one session weak, 2-4 medium, 5 or more strong", () => {
    expect([0, 1, 2, 4, 5].map(stationStrength)).toEqual([1, 1, 2, 2, 3]);
  });
  it("a social worker: no contact weak, 1-3 medium, 4 or more strong", () => {
    expect([0, 1, 3, 4].map(socialWorkerStrength)).toEqual([1, 2, 2, 3]);
  });
});

describe("countTies", () => {
  it("counts per kind and strength, every kind present", () => {
    const counts = countTies([
      { kind: "peer", strength: 1 },
      { kind: "peer", strength: 3 },
      { kind: "relative", strength: 3 },
    ]);
    expect(counts).toEqual({
      relative: [0, 0, 1],
      neighbour: [0, 0, 0],
      peer: [1, 0, 1],
      station_staff: [0, 0, 0],
      social_worker: [0, 0, 0],
      other: [0, 0, 0],
    });
  });
});
