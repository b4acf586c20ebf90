import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** Files worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
/** Below this a compressed copy saves less than its extra headers cost. */
const MIN_BYTES = 512;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Write `<file>.br` and `<file>.gz` beside `file` when each is smaller; returns how many were written. */
export function precompressFile(file: string): number {
  const raw = readFileSync(file);
  if (raw.length < MIN_BYTES) return 0;
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  let written = 0;
  for (const [ext, body] of [
    [".br", br],
    [".gz", gz],
  ] as const) {
    if (body.length >= raw.length) continue;
    writeFileSync(file + ext, body);
    written++;
  }
  return written;
}

/**
 * Brotli and gzip copies of every text asset in the build output, made once at build time so the
 * server sends them without compressing per request (decision 102). Runs last, after other plugins
 * (the service worker) have written their files.
 */
export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "carecircle:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post",
      handler() {
        let count = 0;
        for (const file of files(outDir)) if (COMPRESSIBLE.test(file)) count += precompressFile(file);
        this.info?.(`precompressed ${count} files (.br, .gz)`);
      },
    },
  };
}
