import { VitePWA, type VitePWAOptions } from "vite-plugin-pwa";

/**
 * The installable app (decision 104): our own service worker `src/sw.ts` (Workbox precaching,
 * push display) built by vite-plugin-pwa's injectManifest strategy. The manifest is the static
 * `public/manifest.webmanifest`, linked from index.html, and the app registers the worker itself
 * (`src/pwa/register.ts`), so the plugin injects nothing into the page.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: "injectManifest",
  srcDir: "src",
  filename: "sw.ts",
  injectRegister: false,
  manifest: false,
  injectManifest: {
    // The shell and every hashed asset (lazy route chunks too: a page never visited still opens
    // offline); .br/.gz siblings and source maps are not matched.
    globPatterns: [
      "index.html",
      "assets/**/*.{js,css}",
      "favicon.svg",
      "manifest.webmanifest",
      "icons/{icon-192,badge-96}.png",
    ],
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  },
  devOptions: { enabled: false },
};

/** The Vite plugin that builds `dist/sw.js` with the precache list injected. */
export const pwa = () => VitePWA(pwaOptions);
