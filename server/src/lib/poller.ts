import type { Logger } from "../logger.js";

/** A loop that runs `work` every `everyMs` on this node, never two runs at once. */
export interface Poller {
  start(): void;
  /** Stop polling and wait for a run in progress (before the database closes). */
  stop(): Promise<void>;
}

/**
 * Poll for due work held in the database (the due time is a column, so nothing is lost on
 * restart): one run at a time, a failed run logged and retried on the next tick, the timer
 * unref'd so it never keeps the process alive.
 */
export function createPoller(
  work: () => Promise<unknown>,
  everyMs: number,
  logger: Logger,
  what: string,
): Poller {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  function poll(): void {
    if (running) return;
    running = work()
      .catch((err) => logger.warn({ err }, `${what} poll failed; will retry`))
      .finally(() => {
        running = undefined;
      });
  }
  return {
    start(): void {
      if (timer) return;
      timer = setInterval(poll, everyMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
