import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { pwa } from "./pwa.config";
import { deferredCss } from "./vite-deferred-css";
import { firstScreenStrings } from "./vite-i18n-first";
import { precompress } from "./vite-precompress";

const target = process.env.CARECIRCLE_API ?? "http://localhost:3000";

/** A package's directory inside node_modules, e.g. /node_modules/react-dom/. */
const pkg = (names: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);

/**
 * Vendor chunks by how often they change and who needs them (decision 103): React and the router
 * rarely change, so a new release of the app leaves them cached; socket.io is only for signed-in
 * pages; the dashboard's charts stay in the dashboard's own chunk.
 */
const VENDOR_GROUPS = [
  { name: "react", test: pkg("preact") },
  { name: "router", test: pkg("react-router") },
  { name: "query", test: pkg("@tanstack") },
  { name: "i18n", test: pkg("i18next|react-i18next") },
  {
    name: "socket-io",
    test: pkg("socket\\.io-client|engine\\.io-client|engine\\.io-parser|socket\\.io-parser|@socket\\.io"),
  },
  { name: "zod", test: pkg("zod") },
];

/**
 * React's API served by Preact (decision 133): the same components and libraries in about a tenth of
 * the JavaScript a phone has to download and parse before the first screen.
 */
const PREACT_ALIASES = [
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react-dom\/test-utils$/, replacement: "preact/test-utils" },
  { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
  { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-dev-runtime" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react$/, replacement: "preact/compat" },
];

export default defineConfig({
  plugins: [react(), firstScreenStrings(), pwa(), deferredCss(), precompress()],
  resolve: {
    alias: [
      {
        find: "@carecircle/shared",
        replacement: fileURLToPath(new URL("../shared/src/index.ts", import.meta.url)),
      },
      ...PREACT_ALIASES,
    ],
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target, changeOrigin: true },
      "/socket.io": { target, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Source maps would publish the full sources (issue 14 #14); only dev builds get them.
    sourcemap: process.env.NODE_ENV !== "production" && process.env.SOURCEMAP === "true",
    chunkSizeWarningLimit: 900,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_GROUPS } } },
  },
});
