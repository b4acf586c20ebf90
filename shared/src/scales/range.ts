import type { ReliableChangeClass } from "./reliable-change.js";
import type { ScaleDefinition, ScaleItem } from "./schema.js";

/** The lowest and highest score something can have. */
export interface ScoreRange {
  min: number;
  max: number;
}

function itemRange(item: ScaleItem): ScoreRange {
  switch (item.kind) {
    case "single": {
      const scores = item.options.map((o) => o.score);
      return { min: Math.min(...scores), max: Math.max(...scores) };
    }
    case "multi_part": {
      const scores = item.options.map((o) => o.score);
      const n = item.parts.length;
      return { min: n * Math.min(...scores), max: n * Math.max(...scores) };
    }
    case "count_sources":
      return { min: 0, max: item.sources.length };
    case "number":
      return { min: item.min, max: item.max };
  }
}

function combined(how: "sum" | "mean", ranges: readonly ScoreRange[]): ScoreRange | null {
  if (ranges.length === 0) return null;
  const min = ranges.reduce((a, r) => a + r.min, 0);
  const max = ranges.reduce((a, r) => a + r.max, 0);
  return how === "sum" ? { min, max } : { min: min / ranges.length, max: max / ranges.length };
}

/**
 * The possible range of the total and of each subscale (the axis of a results chart); null where
 * the scale has no items to score (a template).
 */
export function scoreRanges(def: ScaleDefinition): {
  total: ScoreRange | null;
  subscales: Record<string, ScoreRange | null>;
} {
  const byItem = new Map(def.items.map((item) => [item.id, itemRange(item)]));
  const subscales: Record<string, ScoreRange | null> = {};
  for (const sub of def.subscales) {
    subscales[sub.id] = combined(
      sub.combine,
      sub.items.flatMap((id) => byItem.get(id) ?? []),
    );
  }
  const parts =
    def.total.over === "items"
      ? [...byItem.values()]
      : Object.values(subscales).filter((r): r is ScoreRange => r !== null);
  return { total: combined(def.total.combine, parts), subscales };
}

/** A change in plain words (docs/decisions/127): which way, and whether a lot or a little. */
export type PlainChange = "up_a_lot" | "up_a_little" | "same" | "down_a_little" | "down_a_lot";

/** Below this share of the range a change is "about the same". */
export const PLAIN_SAME_SHARE = 0.05;
/** From this share of the range a change without a norm counts as "a lot". */
export const PLAIN_A_LOT_SHARE = 0.2;

/**
 * How a family is told a change (docs/decisions/127). With a norm, only a reliable change
 * (`reliableChange`) is "a lot"; without one, a change of a fifth of the range or more is. Under
 * 5% of the range it is "about the same" either way.
 */
export function plainChange(
  change: number,
  range: ScoreRange,
  reliable: ReliableChangeClass | null,
): PlainChange {
  const span = range.max - range.min;
  const share = span > 0 ? Math.abs(change) / span : 0;
  if (share < PLAIN_SAME_SHARE || change === 0) return "same";
  const aLot = reliable === null ? share >= PLAIN_A_LOT_SHARE : reliable !== "no_reliable_change";
  if (change > 0) return aLot ? "up_a_lot" : "up_a_little";
  return aLot ? "down_a_lot" : "down_a_little";
}
