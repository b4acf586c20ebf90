import type { ScaleDefinition, ScaleNorm } from "./schema.js";

/** |RCI| must exceed this (p < .05, two-sided) for a change to count as reliable. */
export const RCI_THRESHOLD = 1.96;

/** How a before/after pair is read (Jacobson & Truax 1991). */
export type ReliableChangeClass = "reliable_improvement" | "reliable_deterioration" | "no_reliable_change";

/** `reliableChange`'s typed result; `no_norm` when the scale (or subscale) has no published norm. */
export type ReliableChangeResult =
  | { ok: true; rci: number; sdiff: number; change: number; classification: ReliableChangeClass }
  | { ok: false; error: "no_norm" | "unknown_subscale" | "not_a_number" };

/**
 * Sdiff = sqrt(2 * SE^2) with SE = SD * sqrt(1 - r), written as SD * sqrt(2 * (1 - r)) (the same
 * value, with one rounding less).
 */
export function sdiffOf(norm: Pick<ScaleNorm, "sd" | "reliability">): number {
  return norm.sd * Math.sqrt(2 * (1 - norm.reliability));
}

/**
 * Jacobson & Truax's reliable change index for one family's first and last score on a scale's
 * total, or on one subscale (docs/decisions/122): RCI = (after - before) / Sdiff, reliable when
 * |RCI| > 1.96; which sign is an improvement follows the scale's direction.
 */
export function reliableChange(
  def: ScaleDefinition,
  before: number,
  after: number,
  subscale?: string,
): ReliableChangeResult {
  if (!Number.isFinite(before) || !Number.isFinite(after)) return { ok: false, error: "not_a_number" };
  let norm = def.total.norm;
  if (subscale !== undefined) {
    const sub = def.subscales.find((s) => s.id === subscale);
    if (!sub) return { ok: false, error: "unknown_subscale" };
    norm = sub.norm;
  }
  if (!norm) return { ok: false, error: "no_norm" };
  const sdiff = sdiffOf(norm);
  const change = after - before;
  const rci = change / sdiff;
  const better = def.direction === "higher_is_better" ? rci : -rci;
  const classification: ReliableChangeClass =
    Math.abs(rci) <= RCI_THRESHOLD
      ? "no_reliable_change"
      : better > 0
        ? "reliable_improvement"
        : "reliable_deterioration";
  return { ok: true, rci, sdiff, change, classification };
}
