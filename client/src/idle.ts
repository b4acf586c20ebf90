/**
 * What the first screen does not need (the live connection, form schemas) waits until it has been
 * drawn (decision 119). A page whose first screen waits for data says when it is drawn
 * (`markFirstScreenDrawn`, e.g. the chat once its messages show); any other page counts as drawn
 * a moment after the load event.
 */
let drawn: () => void = () => undefined;
const firstScreen = new Promise<void>((resolve) => {
  drawn = resolve;
});
const idle = (f: () => void) =>
  window.requestIdleCallback ? window.requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 1);

/** The page's main content is on screen (call after the render that shows it). */
export function markFirstScreenDrawn(): void {
  requestAnimationFrame(() => setTimeout(drawn, 0));
}

/** Pages that do not mark their first screen: drawn once loaded and idle. */
function drawnAfterLoad(): Promise<void> {
  const loaded =
    document.readyState === "complete"
      ? Promise.resolve()
      : new Promise<void>((r) => window.addEventListener("load", () => r(), { once: true }));
  return loaded.then(() => new Promise<void>((r) => setTimeout(() => idle(r), 1500)));
}

/** Resolves once the first screen is drawn and the main thread is idle. */
export function afterFirstScreen(): Promise<void> {
  return Promise.race([firstScreen, drawnAfterLoad()]).then(() => new Promise<void>((r) => idle(r)));
}

/** Fetch a chunk the page will need soon (a form's schema) once the first screen is drawn. */
export function prefetchWhenIdle(load: () => Promise<unknown>): void {
  void afterFirstScreen().then(() => load().catch(() => undefined));
}
