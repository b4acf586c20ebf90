import type { Message } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  FIRST_ROWS,
  nextRevealStep,
  REVEAL_STEP_MS,
  revealWindow,
} from "../../client/src/components/chat-timeline.js";
import { mergeMessages } from "../../client/src/realtime/chat-model.js";

describe("which messages a conversation draws first", () => {
  it("draws the newest screenful first, then the rest of the page upwards", () => {
    expect(FIRST_ROWS).toBe(6);
    expect(revealWindow(40, -1, FIRST_ROWS)).toEqual([34, 40]);
    expect(revealWindow(40, -1, 24)).toEqual([16, 40]);
    expect(revealWindow(40, -1, 100)).toEqual([0, 40]);
    expect(revealWindow(5, -1, FIRST_ROWS)).toEqual([0, 5]);
  });

  it("starts at the unread divider, fills down to the newest, then up", () => {
    // divider before message 5: message 4 (the last one read) and the next five
    expect(revealWindow(40, 5, FIRST_ROWS)).toEqual([4, 10]);
    expect(revealWindow(40, 5, 36)).toEqual([4, 40]);
    expect(revealWindow(40, 5, 38)).toEqual([2, 40]);
    expect(revealWindow(40, 5, 48)).toEqual([0, 40]);
    // a divider near the end draws like the newest screenful, with the divider inside it
    expect(revealWindow(40, 35, FIRST_ROWS)).toEqual([34, 40]);
  });

  it("keeps growing with new messages at the end and older pages at the start", () => {
    expect(revealWindow(41, -1, 48)).toEqual([0, 41]);
    expect(revealWindow(80, -1, 48)).toEqual([32, 80]);
  });
});

const msg = (seq: number, changeSeq: number, body: string): Message =>
  ({
    id: `m${seq}`,
    groupId: "g",
    seq,
    changeSeq,
    body,
    createdAt: new Date(1_800_000_000_000 + seq * 1000).toISOString(),
  }) as unknown as Message;

describe("how many rows each later step draws", () => {
  it("fits the next step into a short task from how long the last one took", () => {
    // 3 rows took 12 ms: 2 rows fit the step's time
    expect(nextRevealStep(3, 12)).toBe(Math.floor((3 * REVEAL_STEP_MS) / 12));
    // a slow phone: one row at a time, never none
    expect(nextRevealStep(3, 400)).toBe(1);
    // a fast machine grows, but at most doubling, and never past 24
    expect(nextRevealStep(3, 0.5)).toBe(6);
    expect(nextRevealStep(20, 0.5)).toBe(24);
    expect(nextRevealStep(4, 0)).toBe(8);
  });
});

describe("merging server copies of messages", () => {
  it("keeps the object of an unchanged message, so its row is not drawn again", () => {
    const current = [msg(1, 1, "a"), msg(2, 2, "b")];
    const merged = mergeMessages(current, [msg(1, 1, "a"), msg(2, 5, "b edited"), msg(3, 3, "c")]);
    expect(merged[0]).toBe(current[0]);
    expect(merged[1]).not.toBe(current[1]);
    expect(merged.map((m) => m.body)).toEqual(["a", "b edited", "c"]);
  });

  it("never goes back to an older copy", () => {
    const current = [msg(1, 4, "new")];
    expect(mergeMessages(current, [msg(1, 2, "old")])[0]).toBe(current[0]);
  });
});
