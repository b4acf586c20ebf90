import { z } from "zod";
import { Id, IsoDateTime } from "./common.js";

/** Named limits of photos and voice messages (server checks, client pickers and recorders). */
export const MEDIA_LIMITS = {
  /** Largest photo upload before re-encoding. */
  photoMaxBytes: 10 * 1024 * 1024,
  /** Largest voice upload (60 s of Opus or AAC at a phone's bitrate is far smaller). */
  voiceMaxBytes: 2 * 1024 * 1024,
  /** Photos with more pixels are refused before decoding (decompression bombs). */
  photoMaxInputPixels: 50_000_000,
  /** The stored photo's long side, and the thumbnail's. */
  photoMaxSide: 1600,
  thumbMaxSide: 320,
  /** Longest voice message, and the slack allowed for a recorder stopping a little late. */
  voiceMaxMs: 60_000,
  voiceToleranceMs: 1_500,
  /** How long a signed media URL works. */
  urlTtlSeconds: 15 * 60,
} as const;

export const MEDIA_KINDS = ["photo", "voice"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The variants of a stored file: the full photo or voice, or a photo's thumbnail. */
export const MEDIA_VARIANTS = ["full", "thumb"] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

/**
 * Why an upload was refused (`details.reason` of UNSUPPORTED_MEDIA / PAYLOAD_TOO_LARGE), for the
 * client to translate: not a picture or recording, an SVG, an animation, too many pixels, a voice
 * message too long or empty, another audio format or codec, too many bytes.
 */
export const MEDIA_REFUSALS = [
  "not_media",
  "svg",
  "animated",
  "too_many_pixels",
  "too_long",
  "empty_audio",
  "unsupported_audio",
  "too_big",
] as const;
export type MediaRefusal = (typeof MEDIA_REFUSALS)[number];

/** `POST /api/media` query: the group the file is for and the client's id for retries. */
export const MediaUploadQuery = z.strictObject({
  groupId: Id,
  /** Chosen by the client per upload (uuid); a retry with the same id answers the stored file. */
  clientId: z.uuid(),
});
export type MediaUploadQueryInput = z.infer<typeof MediaUploadQuery>;

/**
 * A photo or voice message as a reader sees it. `url`/`thumbUrl` are signed capability URLs
 * (an `<img>` or `<audio>` sends no bearer header) that work until `expiresAt`; fetch the message
 * again (history, catch-up) for fresh ones. `played` is the reader's own "listened" mark of a
 * voice message: present in answers read for you, absent in room broadcasts (keep yours then).
 */
export const MediaSchema = z.object({
  id: Id,
  kind: z.enum(MEDIA_KINDS),
  mime: z.string(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  size: z.number().int(),
  expiresAt: IsoDateTime,
  played: z.boolean().optional(),
});
export type Media = z.infer<typeof MediaSchema>;

/** Answer of an upload: the stored (re-encoded) file, ready to be sent as `media: { id }`. */
export const MediaUploadResultSchema = z.object({ media: MediaSchema });
export type MediaUploadResult = z.infer<typeof MediaUploadResultSchema>;

/** `media` of a send: an upload of the sender's for the same group, not yet sent. */
export const MessageMediaRefSchema = z.strictObject({ id: Id });

/** `GET /api/media/:id/:variant` path. */
export const MediaFileParams = z.strictObject({ id: Id, variant: z.enum(MEDIA_VARIANTS) });

/** The signature part of a media URL. */
export const MediaFileQuery = z.strictObject({
  exp: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** `r` = any reader, `m` = moderators (may open a message hidden by reports). */
  scope: z.enum(["r", "m"]),
  sig: z.string().min(1).max(100),
});
