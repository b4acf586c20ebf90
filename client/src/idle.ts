/**
 * Fetch a chunk the page will need soon (a form's schema) once the main thread is idle, so the
 * first screen does not wait for it and the first submit rarely does.
 */
export function prefetchWhenIdle(load: () => Promise<unknown>): void {
  const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1));
  idle(() => void load().catch(() => undefined));
}

/** Resolves once the page has loaded and the main thread is idle: for what the first screen does not need. */
export function afterFirstScreen(): Promise<void> {
  const loaded =
    document.readyState === "complete"
      ? Promise.resolve()
      : new Promise<void>((r) => window.addEventListener("load", () => r(), { once: true }));
  const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1));
  return loaded.then(() => new Promise<void>((r) => idle(() => r(), { timeout: 2000 })));
}
