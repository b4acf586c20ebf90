/**
 * A latency histogram with fixed buckets (0.05 ms up to 100 ms, then 1 ms up to 60 s), so load
 * workers can record millions of samples and ship only the non-empty buckets to the parent.
 */
export class Histogram {
  private static readonly FINE_LIMIT_MS = 100;
  private static readonly FINE_STEP_MS = 0.05;
  private static readonly FINE_BUCKETS = 2000;
  private static readonly BUCKETS = 2000 + 60_000;
  private readonly counts = new Uint32Array(Histogram.BUCKETS);
  count = 0;
  sum = 0;
  max = 0;

  /** Record one latency in milliseconds (negative clock jitter counts as 0). */
  record(ms: number): void {
    const v = Math.max(0, ms);
    const i =
      v < Histogram.FINE_LIMIT_MS
        ? Math.floor(v / Histogram.FINE_STEP_MS)
        : Math.min(Histogram.BUCKETS - 1, Histogram.FINE_BUCKETS + Math.floor(v - Histogram.FINE_LIMIT_MS));
    this.counts[i]! += 1;
    this.count += 1;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  /** The value at quantile `q` (0..1), as the upper edge of its bucket; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= target) return Math.min(this.max, Histogram.upperEdge(i));
    }
    return this.max;
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** Non-empty buckets, for sending over IPC. */
  toJSON(): SerializedHistogram {
    const buckets: [number, number][] = [];
    this.counts.forEach((c, i) => {
      if (c > 0) buckets.push([i, c]);
    });
    return { buckets, count: this.count, sum: this.sum, max: this.max };
  }

  /** Add another histogram's samples to this one. */
  merge(other: SerializedHistogram): this {
    for (const [i, c] of other.buckets) this.counts[i]! += c;
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
    return this;
  }

  private static upperEdge(i: number): number {
    return i < Histogram.FINE_BUCKETS
      ? (i + 1) * Histogram.FINE_STEP_MS
      : Histogram.FINE_LIMIT_MS + (i - Histogram.FINE_BUCKETS + 1);
  }
}

/** A histogram as shipped between processes. */
export interface SerializedHistogram {
  buckets: [number, number][];
  count: number;
  sum: number;
  max: number;
}

/** p50/p95/p99/max/mean of a latency sample, in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Summarise a histogram. */
export function summarise(h: Histogram): LatencySummary {
  return {
    count: h.count,
    mean: h.mean,
    p50: h.quantile(0.5),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    max: h.max,
  };
}

/** Summarise raw samples (small sets: HTTP request timings). */
export function summariseSamples(samples: number[]): LatencySummary {
  const h = new Histogram();
  for (const s of samples) h.record(s);
  return summarise(h);
}

/** A high-resolution wall-clock timestamp in ms, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
