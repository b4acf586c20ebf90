/** The answer of a rate-limit check: allowed, or how long to wait. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A sliding-window limiter: at most `limit` events per `windowMs` per key. In-process here, or in
 * Redis (`redis-rate-limit.ts`); callers depend only on this interface. Hand-written rather than
 * rate-limiter-flexible, whose windows are fixed (decision 099).
 */
export interface RateLimiter {
  /** Take one unit for `key` if the window allows it (a shared store answers asynchronously). */
  take(key: string): RateDecision | Promise<RateDecision>;
  /** Give back the unit taken for an attempt that turned out not to count (duplicate, refused). */
  refund(key: string): void | Promise<void>;
}

/** An in-memory sliding-window-log limiter with bounded memory. */
export function createMemoryRateLimiter(opts: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const { limit, windowMs } = opts;
  const maxKeys = opts.maxKeys ?? 100_000;
  const log = new Map<string, number[]>();

  function prune(times: number[], now: number): void {
    while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
  }

  return {
    take(key, now = Date.now()) {
      let times = log.get(key);
      if (times) prune(times, now);
      if (times && times.length >= limit) return { ok: false, retryAfterMs: times[0]! + windowMs - now };
      if (!times) {
        if (log.size >= maxKeys) {
          // Forget the least recently created key; only idle keys are that old in practice.
          const oldest = log.keys().next().value;
          if (oldest !== undefined) log.delete(oldest);
        }
        times = [];
        log.set(key, times);
      }
      times.push(now);
      return { ok: true };
    },
    refund(key) {
      const times = log.get(key);
      if (!times || times.length === 0) return;
      times.pop();
      if (times.length === 0) log.delete(key);
    },
  };
}
