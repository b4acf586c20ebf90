import { z } from "zod";
import { MEDIA_LIMITS } from "../media-limits.js";
import { IdParams } from "../schemas/common.js";
import {
  MediaFileParams,
  MediaFileQuery,
  MediaUploadQuery,
  MediaUploadResultSchema,
} from "../schemas/media.js";
import { MessageSchema } from "../schemas/messages.js";
import { CHAT_ROLES } from "./chat.js";
import { defineRoutes } from "./define.js";

/** Photos and voice messages (issue 17): upload, signed download, "played" marks. */
export const mediaRoutes = defineRoutes({
  uploadMedia: {
    method: "post",
    path: "/api/media",
    summary:
      "Upload a photo or voice message as the raw body (kind decided by content; idempotent by clientId); send it with `media: { id }`",
    tag: "media",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
    query: MediaUploadQuery,
    upload: { maxBytes: Math.max(MEDIA_LIMITS.photoMaxBytes, MEDIA_LIMITS.voiceMaxBytes) },
    response: MediaUploadResultSchema,
    status: 201,
  },
  mediaFile: {
    method: "get",
    path: "/api/media/:id/:variant",
    summary:
      "A photo, thumbnail or voice file by its signed URL from a message view (no token; byte ranges for audio)",
    tag: "media",
    access: "public",
    params: MediaFileParams,
    query: MediaFileQuery,
    produces: "image/jpeg, audio/webm, audio/mp4",
  },
  markPlayed: {
    method: "post",
    path: "/api/messages/:id/played",
    summary: "Mark a voice message as played by you (idempotent)",
    tag: "messages",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
    params: IdParams,
    response: z.object({ message: MessageSchema }),
  },
});
