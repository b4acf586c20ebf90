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
