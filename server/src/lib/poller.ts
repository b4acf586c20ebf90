import type { Logger } from "../logger.js";

/**
 * Run `poll` every `everyMs` on this node, never two at once, for work whose due time lives in the
 * database (alert escalation, booking reminders): a failed poll is logged and the next one retries.
 */
export function createPoller(opts: {
  everyMs: number;
  poll: () => Promise<unknown>;
  logger: Logger;
  what: string;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  function tick(): void {
    if (running) return;
    running = opts
      .poll()
      .catch((err) => opts.logger.warn({ err }, `${opts.what} poll failed; will retry`))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    start(): void {
      if (timer) return;
      timer = setInterval(tick, opts.everyMs);
      timer.unref();
    },
    /** Stop polling and wait for a poll in progress (before the database closes). */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

/**
 * Work through everything that is due, a batch at a time: `takeBatch` handles at most `size` due
 * rows (typically one transaction that locks them with SKIP LOCKED) and answers how many it took;
 * a short batch means nothing more was due. Answers how many were taken in all.
 */
export async function drainInBatches(size: number, takeBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await takeBatch();
    total += taken;
    if (taken < size) return total;
  }
}
