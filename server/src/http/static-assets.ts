import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Request, RequestHandler, Response } from "express";

/** A year: hashed file names change with their content, so a cached copy is never stale. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (index.html, the service worker, icons) is revalidated on every use. */
const REVALIDATE = "no-cache";

/** One file of the built client, with its build-time compressed copies when they exist. */
interface Asset {
  file: string;
  ext: string;
  br?: string;
  gzip?: string;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

/**
 * The built client by URL path, read once at start (a deploy restarts the server). Source maps are
 * left out: they would publish the full sources (issue 14). `.br`/`.gz` files are not served under
 * their own names, only as encodings of the file they compress.
 */
function indexAssets(root: string): Map<string, Asset> {
  const all = new Set(walk(root));
  const assets = new Map<string, Asset>();
  for (const file of all) {
    if (/\.(br|gz|map)$/.test(file)) continue;
    const url = `/${path.relative(root, file).split(path.sep).join("/")}`;
    assets.set(url, {
      file,
      ext: path.extname(file),
      br: all.has(`${file}.br`) ? `${file}.br` : undefined,
      gzip: all.has(`${file}.gz`) ? `${file}.gz` : undefined,
    });
  }
  return assets;
}

/** The q-value the client gives `coding` in `Accept-Encoding` (a `*` covers unnamed ones). */
function qualityOf(header: string, coding: string): number {
  let star = 0;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const value = q === undefined ? 1 : Number(q);
    if (name === coding) return value;
    if (name === "*") star = value;
  }
  return star;
}

/** Brotli when the client takes it (it is smaller), else gzip, else the file itself. */
function pickEncoding(acceptEncoding: string | undefined, asset: Asset): "br" | "gzip" | undefined {
  const header = acceptEncoding ?? "";
  if (asset.br && qualityOf(header, "br") > 0) return "br";
  if (asset.gzip && qualityOf(header, "gzip") > 0) return "gzip";
  return undefined;
}

function sendAsset(req: Request, res: Response, asset: Asset, cacheControl: string): void {
  const encoding = pickEncoding(req.headers["accept-encoding"], asset);
  // The original's type, whichever copy is sent; caches must key on the encoding asked for.
  res.type(asset.ext);
  if (asset.br || asset.gzip) res.vary("Accept-Encoding");
  if (encoding) res.setHeader("Content-Encoding", encoding);
  res.setHeader("Cache-Control", cacheControl);
  // `send` answers HEAD, If-None-Match / If-Modified-Since (304) and ranges; the ETag is the sent
  // copy's, so a gzip and a brotli copy never share one.
  res.sendFile(encoding ? asset[encoding]! : asset.file, { cacheControl: false, dotfiles: "deny" });
}

/**
 * The built client: hashed `/assets/*` cached for a year, everything else (`index.html`, `/sw.js`,
 * icons) revalidated; each file sent as its build-time Brotli or gzip copy when the client accepts
 * one (decision 102). Paths that are no file get `index.html` (the SPA's routes), except under
 * `/assets/`, `/api/` and `/socket.io/`: a missing chunk is a 404, not a page.
 */
export function clientAssets(root: string): RequestHandler {
  const assets = indexAssets(root);
  const index = assets.get("/index.html");
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const asset = assets.get(req.path);
    if (asset) {
      sendAsset(req, res, asset, req.path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
      return;
    }
    if (!index || /^\/(assets|api|socket\.io)\//.test(req.path) || req.path.endsWith(".map")) return next();
    sendAsset(req, res, index, REVALIDATE);
  };
}
