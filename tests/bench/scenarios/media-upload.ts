import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import sharp from "sharp";
import type { BenchDatabase } from "../lib/database.js";
import { BENCH_JWT_SECRET, startCareCircle } from "../lib/servers.js";
import { type LatencySummary, summariseSamples } from "../lib/stats.js";
import { accessToken, seedCaregivers, seedGroup, seedSocialWorker } from "../seed/accounts.js";

/** Upload throughput of one kind of file. */
export interface MediaUploadCase {
  kind: "photo" | "voice";
  /** What each upload was. */
  input: string;
  inputBytes: number;
  uploads: number;
  concurrency: number;
  perSec: number;
  /** Input megabytes accepted per second. */
  mbPerSec: number;
  latency: LatencySummary;
  errors: number;
}

/** Media upload throughput on one database. */
export interface MediaUploadRun {
  db: string;
  cases: MediaUploadCase[];
}

/** A phone-camera-like photo: 4000x3000 of noise (which compresses badly, the hard case), JPEG. */
async function phonePhoto(): Promise<Buffer> {
  const w = 4000;
  const h = 3000;
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function uploadMany(
  url: string,
  token: string,
  groupId: string,
  bytes: Buffer,
  count: number,
  concurrency: number,
) {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const t = performance.now();
      const res = await fetch(`${url}/api/media?groupId=${groupId}&clientId=${randomUUID()}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/octet-stream" },
        body: new Uint8Array(bytes),
      });
      await res.arrayBuffer();
      if (res.status === 201) samples.push(performance.now() - t);
      else errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { elapsedSec: (performance.now() - t0) / 1000, samples, errors };
}

/**
 * Photos/s and voice messages/s (and input MB/s) that one server process accepts: each upload
 * decoded, checked, re-encoded (photos) and stored in the database, `concurrency` at a time.
 */
export async function runMediaUpload(
  db: BenchDatabase,
  o: { photos: number; voices: number; concurrency: number },
  log: (s: string) => void,
): Promise<MediaUploadRun> {
  const sql = await db.open();
  const tag = `media-${randomUUID().slice(0, 8)}`;
  const [member] = await seedCaregivers(sql, tag, 1);
  const moderator = await seedSocialWorker(sql, tag);
  const groupId = await seedGroup(sql, "Bench media", moderator, [member!.id]);
  await db.release();
  const token = accessToken(member!.id, "caregiver", BENCH_JWT_SECRET);
  const photo = await phonePhoto();
  const voice = readFileSync(new URL("../../fixtures/media/voice-2s.webm", import.meta.url));
  const server = await startCareCircle(db);
  const cases: MediaUploadCase[] = [];
  try {
    for (const [kind, bytes, count, input] of [
      ["photo", photo, o.photos, "4000x3000 JPEG"],
      ["voice", voice, o.voices, "2 s Opus/WebM"],
    ] as const) {
      await uploadMany(server.url, token, groupId, bytes, 2, 1);
      const r = await uploadMany(server.url, token, groupId, bytes, count, o.concurrency);
      const ok = r.samples.length;
      const c: MediaUploadCase = {
        kind,
        input,
        inputBytes: bytes.length,
        uploads: count,
        concurrency: o.concurrency,
        perSec: ok / r.elapsedSec,
        mbPerSec: (ok * bytes.length) / 1e6 / r.elapsedSec,
        latency: summariseSamples(r.samples),
        errors: r.errors,
      };
      log(
        `  ${kind}: ${c.perSec.toFixed(1)}/s, ${c.mbPerSec.toFixed(1)} MB/s, p99 ${c.latency.p99.toFixed(0)} ms`,
      );
      cases.push(c);
    }
  } finally {
    await server.stop();
  }
  return { db: db.label, cases };
}

/** The report's table for a media upload run. */
export function mediaUploadSection(r: MediaUploadRun): string {
  const rows = r.cases.map(
    (c) =>
      `| ${c.kind} | ${c.input}, ${(c.inputBytes / 1e6).toFixed(2)} MB | ${c.uploads} x ${c.concurrency} | ` +
      `${c.perSec.toFixed(1)}/s | ${c.mbPerSec.toFixed(1)} MB/s | ${c.latency.p50.toFixed(0)} / ${c.latency.p99.toFixed(0)} ms | ${c.errors} |`,
  );
  return [
    `Media uploads on ${r.db}: each decoded, checked and (photos) re-encoded, then stored.`,
    "",
    "| kind | input | uploads x in flight | rate | input MB/s | p50 / p99 | errors |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
