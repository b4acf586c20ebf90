// Zod-free on purpose: the client's first screen imports these (decision 119).

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
