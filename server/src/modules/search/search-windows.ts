/**
 * Newest windows first (decision 113): the search index holds, beside a message's words, one
 * token naming its group and its window of 2^12 seqs (migration `message_search_windows`). A
 * search asks the index for matches among each group's newest windows, widening geometrically,
 * so a page of a word found in 1% of a million messages reads a few hundred rows, not ten thousand.
 */

/** Seqs per window token: `seq >> WINDOW_BITS`. Must match the migration's SQL. */
export const WINDOW_BITS = 12;
const WINDOW_SIZE = 2 ** WINDOW_BITS;

/** How many windows back each step reaches, cumulatively (2, 10, 42, 170 windows ≈ 8k-700k seqs). */
const STEP_REACH = [2, 10, 42, 170] as const;

/** A group's newest seq, as the search scope sees it. */
export interface GroupTop {
  groupId: string;
  lastSeq: number;
}

/** One step: the index tokens it asks for, and where each group it did not finish stopped. */
export interface WindowStep {
  tokens: string[];
  /** Groups with older messages left: the lowest seq this step reached in them. */
  openFrom: { groupId: string; seq: number }[];
}

/** The index token of group `groupId`'s window number `n` (see the migration). */
export function windowToken(groupId: string, n: number): string {
  return `~${groupId.slice(0, 8)}${n}`;
}

/**
 * The steps of a search over `groups`, newest first. Each step covers, per group, the windows the
 * previous step did not; a group whose oldest window was covered is finished. After the last step
 * the caller reads what is left through the index without windows.
 */
export function windowSteps(groups: GroupTop[]): WindowStep[] {
  const steps: WindowStep[] = [];
  let reached = 0;
  for (const reach of STEP_REACH) {
    const tokens: string[] = [];
    const openFrom: WindowStep["openFrom"] = [];
    for (const g of groups) {
      const top = Math.floor(g.lastSeq / WINDOW_SIZE);
      const hi = top - reached;
      if (hi < 0) continue;
      const lo = Math.max(0, top - reach + 1);
      for (let n = hi; n >= lo; n--) tokens.push(windowToken(g.groupId, n));
      if (lo > 0) openFrom.push({ groupId: g.groupId, seq: lo * WINDOW_SIZE });
    }
    if (tokens.length === 0) break;
    steps.push({ tokens, openFrom });
    reached = reach;
  }
  return steps;
}
