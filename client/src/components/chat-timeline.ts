import type { Message } from "@carecircle/shared";

/** A quiet gap longer than this starts a new burst with its own time separator. */
export const BURST_GAP_MS = 5 * 60_000;

/** What a message is shown after: a time separator, the "new messages" divider, both or neither. */
export interface TimelineMarks {
  /** Show a time separator before this message. */
  separator: boolean;
  /** Show the "new messages" divider before this message. */
  unreadDivider: boolean;
}

/**
 * Where the separators go: before the first message, after a gap of more than five minutes or a
 * change of day; the divider before the first message from someone else after `lastReadSeq`
 * (only when something before it was read, or older history exists).
 */
export function timelineMarks(
  messages: Message[],
  opts: { lastReadSeq: number; myId: string; hasOlder: boolean },
): TimelineMarks[] {
  const firstUnread = messages.findIndex((m) => m.seq > opts.lastReadSeq && m.sender?.id !== opts.myId);
  const showDivider = opts.lastReadSeq > 0 && firstUnread >= 0 && (firstUnread > 0 || opts.hasOlder);
  return messages.map((m, i) => {
    const prev = messages[i - 1];
    const gap = prev ? Date.parse(m.createdAt) - Date.parse(prev.createdAt) : Number.POSITIVE_INFINITY;
    const newDay = prev
      ? new Date(prev.createdAt).toDateString() !== new Date(m.createdAt).toDateString()
      : true;
    return { separator: gap > BURST_GAP_MS || newDay, unreadDivider: showDivider && i === firstUnread };
  });
}

/** Which day a time is in relative to `now`: today, yesterday, this year or earlier. */
export function dayKind(iso: string, now: Date): "today" | "yesterday" | "thisYear" | "older" {
  const d = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (d.getTime() >= startOfToday) return "today";
  if (d.getTime() >= startOfToday - 86_400_000) return "yesterday";
  return d.getFullYear() === now.getFullYear() ? "thisYear" : "older";
}

/**
 * Messages drawn when a conversation opens (about a phone screen of them); the rest of the loaded
 * page follows a few at a time, each step in a task of its own (`nextRevealStep`).
 */
export const FIRST_ROWS = 6;

/** How long one reveal step may keep the main thread: a phone stays responsive (under 50 ms at 4x slower). */
export const REVEAL_STEP_MS = 8;

/**
 * How many rows the next reveal step draws, from how long the last `step` rows took to draw:
 * enough to fill `REVEAL_STEP_MS`, at most twice as many as before, at least one, at most 24.
 */
export function nextRevealStep(step: number, elapsedMs: number): number {
  const fit = elapsedMs > 0 ? Math.floor((step * REVEAL_STEP_MS) / elapsedMs) : step * 2;
  return Math.max(1, Math.min(24, step * 2, fit));
}

/**
 * Which messages are drawn, `[from, to)`, given how many may be (`budget`, `FIRST_ROWS` at first):
 * from the unread divider on (it opens at the top of the screen), or else the newest; as the
 * budget grows, downwards to the newest and then upwards to the oldest loaded.
 */
export function revealWindow(length: number, divider: number, budget: number): [number, number] {
  const anchor = divider >= 0 ? Math.max(0, divider - 1) : Math.max(0, length - FIRST_ROWS);
  const to = Math.min(length, anchor + budget);
  const from = Math.max(0, anchor - Math.max(0, budget - (length - anchor)));
  return [from, to];
}
