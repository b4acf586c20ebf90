import type { Plugin } from "vite";

/**
 * The app's stylesheet stops blocking the first paint (decision 103): `index.html` draws its shell
 * with inline styles, so the stylesheet Vite links is turned into a high-priority preload marked
 * `data-app-css`, and `main.tsx` (`appStylesReady`) applies it and waits for it before React's first
 * render. The shell paints as soon as the HTML has arrived; the app never paints unstyled.
 */
export function deferredCss(): Plugin {
  return {
    name: "carecircle:deferred-css",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html) =>
        html.replace(
          /<link rel="stylesheet"( crossorigin)? href="([^"]+\.css)">/g,
          (_m, cors: string | undefined, href: string) =>
            `<link rel="preload" as="style"${cors ?? ""} href="${href}" data-app-css>`,
        ),
    },
  };
}
