/** How long `until` waits and what it says when it gives up. */
export interface UntilOptions {
  /** Give up after this long (default 5 s). */
  timeoutMs?: number;
  /** What is awaited, for the error message ("the alert to reach the moderator"). */
  what?: string;
  /** Poll interval (default 20 ms). */
  everyMs?: number;
}

/**
 * Wait until `check()` holds (it may be async, e.g. a database query), polling; throws after
 * `timeoutMs`. The one way a test waits: never a fixed sleep followed by an assertion.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 5_000, what = "a condition", everyMs = 20 }: UntilOptions = {},
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(everyMs);
  }
}

/**
 * Let real time pass on purpose: only where the passing of wall-clock time is itself what a test
 * exercises (a timer in another process, a token expiring, pacing a load test). Never to wait for
 * something to happen: use `until`; never to prove something did not happen: use a later signal
 * on the same ordered channel (`roundTrip` in factories/sockets.ts).
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
