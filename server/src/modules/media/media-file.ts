import type { MediaVariant } from "@carecircle/shared";
import type { Request, Response } from "express";
import type { DbOrTx } from "../../db/client.js";
import { AppError, notFound } from "../../errors.js";
import { type LinkScope, signatureMatches } from "./media-links.js";
import type { MediaStore } from "./media-store.js";

/** A signed request: `/api/media/:id/:variant?exp&scope&sig`. */
export interface SignedFileRequest {
  id: string;
  variant: MediaVariant;
  exp: number;
  scope: LinkScope;
  sig: string;
}

/**
 * Answer a signed media URL. Unknown file, wrong signature, removed bytes, or a hidden message's
 * file on a reader's link: the same 404, so a forger learns nothing. A genuine but expired link:
 * 403 `details.reason: "expired"` (fetch the message again for a fresh one).
 */
export async function sendSignedFile(
  db: DbOrTx,
  store: MediaStore,
  q: SignedFileRequest,
  req: Request,
  res: Response,
): Promise<void> {
  const file = await store.read(db, q.id, q.variant);
  if (!file || !signatureMatches(file.urlKey, q)) throw notFound("media");
  const remaining = q.exp - Math.floor(Date.now() / 1000);
  if (remaining <= 0) throw new AppError("FORBIDDEN", "This link has expired", { reason: "expired" });
  if (!file.bytes || (file.messageHidden && q.scope !== "m")) throw notFound("media");
  const bytes = file.bytes;
  res.setHeader("Content-Type", q.variant === "thumb" ? "image/jpeg" : file.mime);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cache-Control", `private, max-age=${remaining}`);
  res.setHeader("Content-Disposition", "inline");
  res.setHeader("Accept-Ranges", "bytes");
  const ranges = req.headers.range ? req.range(bytes.length, { combine: true }) : undefined;
  if (ranges === -1) {
    res.status(416).setHeader("Content-Range", `bytes */${bytes.length}`).end();
    return;
  }
  if (ranges === undefined || ranges === -2 || ranges.type !== "bytes" || ranges.length !== 1) {
    res.status(200).setHeader("Content-Length", String(bytes.length)).end(bytes);
    return;
  }
  const { start, end } = ranges[0]!;
  res.status(206);
  res.setHeader("Content-Range", `bytes ${start}-${end}/${bytes.length}`);
  res.setHeader("Content-Length", String(end - start + 1));
  res.end(bytes.subarray(start, end + 1));
}
