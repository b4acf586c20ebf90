import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Media, MediaUploadResult } from "@carecircle/shared";
import type supertest from "supertest";
import type { TestServer } from "../setup/server.js";
import type { Account } from "./accounts.js";

/** A committed binary fixture of tests/fixtures/media (see its README). */
export function mediaFixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url));
}

/** `POST /api/media` with raw bytes; `type` is only the hint a browser would send. */
export function upload(
  srv: TestServer,
  who: Account,
  groupId: string,
  bytes: Buffer,
  opts: { type?: string; clientId?: string } = {},
): supertest.Test {
  return srv.http
    .post("/api/media")
    .query({ groupId, clientId: opts.clientId ?? randomUUID() })
    .set("Authorization", who.auth)
    .set("Content-Type", opts.type ?? "application/octet-stream")
    .send(bytes);
}

/** Upload and expect 201; answers the stored file. */
export async function uploadOk(
  srv: TestServer,
  who: Account,
  groupId: string,
  bytes: Buffer,
  opts: { type?: string; clientId?: string } = {},
): Promise<Media> {
  const res = await upload(srv, who, groupId, bytes, opts);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text.slice(0, 300)}`);
  return (res.body as MediaUploadResult).media;
}

/** GET a signed media URL (no token), answering the raw bytes in `body`. */
export function fetchMedia(srv: TestServer, url: string, headers: Record<string, string> = {}) {
  let req = srv.http
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    });
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req;
}
