import { type ReliableChangeClass, reliableChange, type ScaleDefinition } from "@carecircle/shared";
import wilcoxon from "@stdlib/stats-wilcoxon";

/** One family's first and last score on a scale total or sub-scale. */
export interface ScorePair {
  pre: number;
  post: number;
}

/** The Wilcoxon signed-rank test on post - pre (docs/decisions/130). */
export interface SignedRankTest {
  /** V: the sum of the ranks of the positive differences. */
  statistic: number;
  pValue: number;
  /** Exact null distribution (no ties, no zeros, at most 50 pairs) or the normal approximation. */
  method: "exact" | "normal_approximation";
  /** Zero differences are dropped before ranking (Wilcoxon's own method). */
  zeroMethod: "wilcox";
  /** Pairs left once zero differences are dropped. */
  nonZero: number;
}

/** Everything the report says about one dimension, before small cells are suppressed. */
export interface PairedSummary {
  n: number;
  medianPre: number | null;
  medianPost: number | null;
  medianChange: number | null;
  /** Null when fewer than two differences are not zero (no test is possible). */
  test: SignedRankTest | null;
  /** Matched-pairs rank-biserial correlation (R+ - R-) / (R+ + R-), Kerby 2014. */
  rankBiserial: number | null;
  /** Families by reliable change; null when the dimension has no published norm. */
  reliableChange: Record<ReliableChangeClass, number> | null;
}

/** The median of a list (mean of the middle two for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The `p`-quantile (0..1) with linear interpolation (PostgreSQL's percentile_cont), null for none. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Average ranks (1-based) of `values`, ties sharing the mean of their positions. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/**
 * The matched-pairs rank-biserial correlation of non-zero differences: the share of rank sum on
 * the positive side minus that on the negative side. The library does not report it.
 */
export function rankBiserial(diffs: readonly number[]): number | null {
  const nz = diffs.filter((d) => d !== 0);
  if (nz.length === 0) return null;
  const ranks = averageRanks(nz.map(Math.abs));
  let plus = 0;
  let minus = 0;
  nz.forEach((d, i) => {
    if (d > 0) plus += ranks[i]!;
    else minus += ranks[i]!;
  });
  return (plus - minus) / (plus + minus);
}

/**
 * The two-sided paired Wilcoxon signed-rank test of `post` against `pre`, from @stdlib: exact for
 * up to 50 pairs without ties or zeros, otherwise the normal approximation with tie and
 * continuity correction (the library's rule, restated here only to name the method).
 */
export function signedRankTest(pairs: readonly ScorePair[]): SignedRankTest | null {
  const diffs = pairs.map((p) => p.post - p.pre);
  const nz = diffs.filter((d) => d !== 0);
  if (nz.length < 2) return null;
  const res = wilcoxon(
    pairs.map((p) => p.post),
    pairs.map((p) => p.pre),
    { zeroMethod: "wilcox", correction: true },
  );
  const tied = new Set(nz.map(Math.abs)).size !== nz.length;
  const exact = nz.length <= 50 && nz.length === diffs.length && !tied;
  return {
    statistic: res.statistic,
    pValue: res.pValue,
    method: exact ? "exact" : "normal_approximation",
    zeroMethod: "wilcox",
    nonZero: nz.length,
  };
}

/** Families by reliable change on `def`'s total (no `subscale`) or one sub-scale; null without a norm. */
export function reliableChangeShares(
  def: ScaleDefinition,
  pairs: readonly ScorePair[],
  subscale?: string,
): Record<ReliableChangeClass, number> | null {
  const out: Record<ReliableChangeClass, number> = {
    reliable_improvement: 0,
    no_reliable_change: 0,
    reliable_deterioration: 0,
  };
  for (const p of pairs) {
    const r = reliableChange(def, p.pre, p.post, subscale);
    if (!r.ok) return null;
    out[r.classification]++;
  }
  return out;
}

/** The full paired summary of one dimension of `def` (no `subscale`: the total). */
export function pairedSummary(
  def: ScaleDefinition,
  pairs: readonly ScorePair[],
  subscale?: string,
): PairedSummary {
  const diffs = pairs.map((p) => p.post - p.pre);
  return {
    n: pairs.length,
    medianPre: median(pairs.map((p) => p.pre)),
    medianPost: median(pairs.map((p) => p.post)),
    medianChange: median(diffs),
    test: signedRankTest(pairs),
    rankBiserial: rankBiserial(diffs),
    reliableChange: pairs.length ? reliableChangeShares(def, pairs, subscale) : null,
  };
}
