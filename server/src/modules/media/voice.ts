import { MEDIA_LIMITS } from "@carecircle/shared";
import { parseBuffer } from "music-metadata";
import { mediaRefusal } from "./media-refusal.js";
import { webmDurationMs } from "./webm-duration.js";

/** A checked voice recording: its type and real length. */
export interface Voice {
  mime: "audio/webm" | "audio/mp4";
  durationMs: number;
}

/** What a browser's MediaRecorder writes: Opus in WebM (Android, desktop), AAC in MP4 (iOS). */
const ACCEPTED: { container: RegExp; codec: RegExp; mime: Voice["mime"] }[] = [
  { container: /^EBML\/webm$/i, codec: /^opus$/i, mime: "audio/webm" },
  { container: /^(M4A|mp4|isom|mp42|iso\d)(\/|$)/i, codec: /^MPEG-4\/AAC/i, mime: "audio/mp4" },
];

/** WebM/Matroska (EBML magic) or an ISO-BMFF file (`ftyp` box): worth parsing as audio. */
export function looksLikeAudioContainer(buf: Buffer): boolean {
  if (buf.length < 12) return false;
  if (buf.readUInt32BE(0) === 0x1a45dfa3) return true;
  const brand = buf.toString("latin1", 8, 12);
  return buf.toString("latin1", 4, 8) === "ftyp" && !/^(avi[fs]|hei[cx]|hev[cx]|mif1|msf1)$/.test(brand);
}

const CLUSTER_ID = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);

/**
 * What music-metadata is given: of a WebM, only the part before its first cluster (header, info,
 * tracks). Chromium's MediaRecorder writes clusters of unknown size that the parser fails on
 * ("ignore length must be a non-negative safe integer"); the length comes from the blocks anyway.
 */
function parsedPart(buf: Buffer): Buffer {
  if (buf.readUInt32BE(0) !== 0x1a45dfa3) return buf;
  const at = buf.indexOf(CLUSTER_ID);
  return at > 0 ? buf.subarray(0, at) : buf;
}

/**
 * Parse a voice recording and check it: one audio track, Opus in WebM or AAC in MP4, longer than
 * nothing and at most 60 s (plus a little slack) by its real length. Throws a media refusal.
 */
export async function checkVoice(buf: Buffer): Promise<Voice> {
  if (buf.length > MEDIA_LIMITS.voiceMaxBytes)
    throw mediaRefusal("too_big", { maxBytes: MEDIA_LIMITS.voiceMaxBytes });
  const meta = await parseBuffer(parsedPart(buf), undefined, { duration: true, skipCovers: true }).catch(
    () => {
      throw mediaRefusal("unsupported_audio");
    },
  );
  const f = meta.format;
  const rule = ACCEPTED.find((r) => r.container.test(f.container ?? "") && r.codec.test(f.codec ?? ""));
  if (!rule || f.hasVideo || !f.hasAudio) throw mediaRefusal("unsupported_audio");
  const fromHeader = Math.round((f.duration ?? 0) * 1000);
  // A live WebM (MediaRecorder) has no duration in its header; its blocks' timestamps tell.
  const fromBlocks = rule.mime === "audio/webm" ? (webmDurationMs(buf) ?? 0) : 0;
  const durationMs = Math.max(fromHeader, fromBlocks);
  if (durationMs <= 0) throw mediaRefusal("empty_audio");
  if (durationMs > MEDIA_LIMITS.voiceMaxMs + MEDIA_LIMITS.voiceToleranceMs)
    throw mediaRefusal("too_long", { durationMs, maxMs: MEDIA_LIMITS.voiceMaxMs });
  return { mime: rule.mime, durationMs: Math.min(durationMs, MEDIA_LIMITS.voiceMaxMs) };
}
