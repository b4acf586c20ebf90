/** Failures counted for one key in a fixed window. */
export interface FailureWindow {
  count: number;
  /** When the window (and the count) ends, ms since the epoch. */
  resetAt: number;
  lastAttemptAt: number;
}

/**
 * Where failed attempts are counted (login throttling). In-process by default; with REDIS_URL a
 * Redis-backed store makes every node count the same failures (`redis-rate-limit.ts`).
 */
export interface FailureStore {
  /** The key's current window, or undefined when it has none or it ended. */
  get(key: string, now: number): FailureWindow | undefined | Promise<FailureWindow | undefined>;
  /** Count one failure (starting a window of `windowMs` if none is running). */
  fail(key: string, now: number, windowMs: number): void | Promise<void>;
  /** Record an attempt without counting it as a failure (the slowed account's pace). */
  touch(key: string, now: number): void | Promise<void>;
  clear(key: string): void | Promise<void>;
}

/** An in-memory FailureStore with bounded memory (the oldest key is forgotten first). */
export function createMemoryFailureStore(maxKeys = 300_000): FailureStore {
  const windows = new Map<string, FailureWindow>();
  const get = (key: string, now: number) => {
    const w = windows.get(key);
    if (w && w.resetAt <= now) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  return {
    get,
    fail(key, now, windowMs) {
      const w = get(key, now);
      if (w) {
        w.count++;
        w.lastAttemptAt = now;
        return;
      }
      if (windows.size >= maxKeys) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(key, { count: 1, resetAt: now + windowMs, lastAttemptAt: now });
    },
    touch(key, now) {
      const w = get(key, now);
      if (w) w.lastAttemptAt = now;
    },
    clear(key) {
      windows.delete(key);
    },
  };
}
