/**
 * Apply the app's stylesheet, preloaded by `index.html` without blocking the shell's first paint
 * (see vite-deferred-css.ts), and resolve once it is in force, so React never paints unstyled.
 * Resolves at once in development (Vite injects the styles from JS) or if the sheet fails to load.
 */
export function appStylesReady(): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>("link[data-app-css]")];
  return Promise.all(
    links.map(
      (link) =>
        new Promise<void>((resolve) => {
          link.addEventListener("load", () => resolve(), { once: true });
          link.addEventListener("error", () => resolve(), { once: true });
          link.rel = "stylesheet";
        }),
    ),
  ).then(() => undefined);
}
