import { createHash } from "node:crypto";
import type { MediaUploadQueryInput, MediaUploadResult, Message } from "@carecircle/shared";
import type { Request, Response } from "express";
import type { Deps } from "../../deps.js";
import { conflict, forbidden } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { messagesRepo } from "../messages/messages.repo.js";
import type { MessagesService } from "../messages/messages.service.js";
import { postingBlocker } from "../messages/refusals.js";
import { sendRepo } from "../messages/send.repo.js";
import { presentMedia } from "./media.presenter.js";
import { mediaRepo } from "./media.repo.js";
import { type SignedFileRequest, sendSignedFile } from "./media-file.js";
import { newUrlKey } from "./media-links.js";
import { type MediaStore, postgresMediaStore } from "./media-store.js";
import { processPhoto } from "./photo.js";
import { checkVoice, looksLikeAudioContainer } from "./voice.js";

/** The decoded, checked file: what is stored, decided by content alone. */
async function intake(bytes: Buffer) {
  if (looksLikeAudioContainer(bytes)) {
    const voice = await checkVoice(bytes);
    return { kind: "voice" as const, mime: voice.mime, bytes, thumb: null, durationMs: voice.durationMs };
  }
  const photo = await processPhoto(bytes);
  return { kind: "photo" as const, ...photo };
}

/**
 * Photos and voice messages: upload (checked, re-encoded, stored; idempotent by clientId),
 * signed files (`media-file.ts`), "played" marks.
 */
export function createMediaService(
  deps: Deps,
  messages: Pick<MessagesService, "loadVisible" | "withPlayed">,
  store: MediaStore = postgresMediaStore,
) {
  const { db } = deps;

  return {
    /** Answer a signed media URL (bytes, ranges, headers); see `media-file.ts`. */
    sendFile: (q: SignedFileRequest, req: Request, res: Response) => sendSignedFile(db, store, q, req, res),

    /**
     * Store an upload for a group the caller may post in (membership, bans, mutes, announcement
     * and archive rules as for text). A retry with the same clientId answers the stored file.
     */
    async upload(user: AuthUser, q: MediaUploadQueryInput, bytes: Buffer): Promise<MediaUploadResult> {
      const d = await sendRepo.diagnose(db, q.groupId, user.id, null);
      const blocker = postingBlocker(d);
      if (blocker) throw blocker;
      const existing = await mediaRepo.byClientId(db, user.id, q.clientId);
      if (existing) {
        if (existing.groupId !== q.groupId)
          throw conflict("This clientId was already used for an upload to another group");
        return { media: presentMedia({ ...existing, removed: existing.removedAt !== null }, "r")! };
      }
      const file = await intake(bytes);
      const row =
        (await store.put(db, {
          groupId: q.groupId,
          uploaderId: user.id,
          clientId: q.clientId,
          kind: file.kind,
          mime: file.mime,
          bytes: file.bytes,
          thumb: file.thumb,
          width: "width" in file ? file.width : null,
          height: "height" in file ? file.height : null,
          durationMs: "durationMs" in file ? file.durationMs : null,
          size: file.bytes.length,
          sha256: createHash("sha256").update(file.bytes).digest("hex"),
          urlKey: newUrlKey(),
        })) ?? (await mediaRepo.byClientId(db, user.id, q.clientId));
      if (!row) throw conflict("The upload could not be stored; please try again");
      return { media: presentMedia({ ...row, removed: row.removedAt !== null }, "r")! };
    },

    /** Mark a voice message of a group the caller belongs to as played by them (idempotent). */
    async markPlayed(user: AuthUser, messageId: string): Promise<{ message: Message }> {
      const { row, access } = await messages.loadVisible(user, messageId);
      if (!access.membership) throw forbidden("Join this group to listen");
      const [view] = await messagesRepo.views(db, [row]);
      if (row.deletedAt || view?.media?.kind !== "voice") throw conflict("This is not a voice message");
      await mediaRepo.markPlayed(db, row.id, user.id);
      const [read] = await messages.withPlayed(user.id, [view]);
      return { message: presentMessage(read!, access.canModerate ? "moderator" : "member") };
    },
  };
}
export type MediaService = ReturnType<typeof createMediaService>;
