import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { pwa } from "./pwa.config";

const target = process.env.CARECIRCLE_API ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react(), pwa()],
  resolve: {
    alias: {
      "@carecircle/shared": fileURLToPath(new URL("../shared/src/index.ts", import.meta.url)),
    },
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
  },
});
