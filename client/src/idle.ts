/**
 * What the first screen does not need (the live connection, form schemas) waits until the page
 * has loaded and the main thread is idle (decision 119). A landing page whose first screen waits
 * for data (the chat, see warm-start.ts) holds it longer, until it says its main content is drawn
 * (`markFirstScreenDrawn`), at most 3 s after the load; the chat catches up when the socket connects.
 */
let drawn: () => void = () => undefined;
const firstScreen = new Promise<void>((resolve) => {
  drawn = resolve;
});
let holding = false;
const idle = (f: () => void) =>
  window.requestIdleCallback ? window.requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 1);

/** The landing page will say when its first screen is drawn (call before it renders). */
export function holdUntilDrawn(): void {
  holding = true;
}

/** The page's main content is on screen (call after the render that shows it). */
export function markFirstScreenDrawn(): void {
  requestAnimationFrame(() => setTimeout(drawn, 0));
}

function loaded(): Promise<void> {
  return document.readyState === "complete"
    ? Promise.resolve()
    : new Promise<void>((r) => window.addEventListener("load", () => r(), { once: true }));
}

/** Resolves once the first screen is drawn and the main thread is idle. */
export function afterFirstScreen(): Promise<void> {
  const ready = holding
    ? Promise.race([firstScreen, loaded().then(() => new Promise<void>((r) => setTimeout(r, 3000)))])
    : loaded();
  return ready.then(() => new Promise<void>((r) => idle(r)));
}

/** Fetch a chunk the page will need soon (a form's schema) once the first screen is drawn. */
export function prefetchWhenIdle(load: () => Promise<unknown>): void {
  void afterFirstScreen().then(() => load().catch(() => undefined));
}
