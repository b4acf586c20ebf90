import { describe, expect, it } from "vitest";
import { drainInBatches } from "../../server/src/lib/poller.js";

describe("drainInBatches", () => {
  it("takes batches until one comes back short, and answers the total", async () => {
    const due = [3, 3, 3, 1];
    const calls: number[] = [];
    const total = await drainInBatches(3, async () => {
      const n = due[calls.length] ?? 0;
      calls.push(n);
      return n;
    });
    expect(total).toBe(10);
    expect(calls).toEqual([3, 3, 3, 1]);
  });

  it("asks once more after a full last batch, and stops on an empty one", async () => {
    const due = [2, 2];
    let asked = 0;
    expect(await drainInBatches(2, async () => due[asked++] ?? 0)).toBe(4);
    expect(asked).toBe(3);
  });
});
