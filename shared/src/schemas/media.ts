import { z } from "zod";
import { MEDIA_KINDS, MEDIA_VARIANTS } from "../media-limits.js";
import { Id, IsoDateTime } from "./common.js";

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
