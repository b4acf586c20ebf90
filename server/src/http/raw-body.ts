import express, { type Request, type Response } from "express";
import { AppError } from "../errors.js";

/**
 * Read a request's body as raw bytes, whatever its `Content-Type` (only a hint for uploads),
 * up to `maxBytes`: larger is 413 PAYLOAD_TOO_LARGE with `details.reason: "too_big"`.
 */
export function readRawBody(req: Request, res: Response, maxBytes: number): Promise<Buffer> {
  const parse = express.raw({ type: () => true, limit: maxBytes });
  return new Promise((resolve, reject) => {
    parse(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === "entity.too.large")
        return reject(
          new AppError("PAYLOAD_TOO_LARGE", "This file is too large", { reason: "too_big", maxBytes }),
        );
      if (err) return reject(err);
      resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    });
  });
}
