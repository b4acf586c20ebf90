/**
 * Work that goes on after the caller has been answered: a message's notifications, events
 * published in the background after commit. Such work used to be a bare `void promise`, which
 * nothing could wait for: shutdown closed the database under it, and a test that fingerprints the
 * database could not tell "the last call is still writing" from "this call wrote".
 *
 * `run` starts a task and keeps it in a set until it settles; a failure goes to `onError` (the
 * work is never awaited by its caller, so it must never reject unhandled). `idle` resolves once
 * nothing is running, including tasks started by tasks while it waited.
 */
export interface Background {
  run(task: () => Promise<unknown>, onError: (err: unknown) => void): void;
  /** Resolves when no task is running; gives up after `timeoutMs` (answers false then). */
  idle(timeoutMs?: number): Promise<boolean>;
  readonly pending: number;
}

export function createBackground(): Background {
  const running = new Set<Promise<unknown>>();
  return {
    run(task, onError) {
      const p: Promise<unknown> = Promise.resolve()
        .then(task)
        .catch(onError)
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (running.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((r) => {
          timer = setTimeout(r, left);
        });
        await Promise.race([Promise.allSettled([...running]), timeout]);
        clearTimeout(timer);
      }
      return true;
    },
    get pending() {
      return running.size;
    },
  };
}
