import { MESSAGE_LIMITS, type Message } from "@carecircle/shared";
import { and, isNull, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { messages } from "../../db/schema/index.js";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, forbidden, notFound } from "../../errors.js";
import { createMemoryRateLimiter, type RateLimiter } from "../../lib/rate-limit.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import { blockedRefusal, type ContentSafety } from "./content-safety.js";
import { changeMessage, recordChange, stampMessage } from "./message-changes.js";
import { createMessageReads } from "./message-reads.js";
import { presentMessage } from "./messages.presenter.js";
import { type MessageRow, messagesRepo } from "./messages.repo.js";
import { refuseChange } from "./refusals.js";
import { createSender } from "./send.service.js";

/** Only the author, still a member, edits a live message, within the edit window. */
function refuseEdit(user: AuthUser, row: MessageRow, member: boolean): void {
  if (row.senderId !== user.id) throw forbidden("You can only edit your own messages");
  if (!member) throw forbidden("You are no longer a member of this group");
  if (row.deletedAt) throw conflict("This message was deleted");
  if (Date.now() - row.createdAt.getTime() > MESSAGE_LIMITS.editWindowMinutes * 60_000)
    throw new AppError(
      "EDIT_WINDOW_CLOSED",
      `Messages can only be edited for ${MESSAGE_LIMITS.editWindowMinutes} minutes`,
    );
}

/** Inside the reaction's unit: toggle it, within the limit of different emoji per message. */
async function toggleReaction(tx: Tx, messageId: string, userId: string, emoji: string): Promise<void> {
  const added = await messagesRepo.toggleReaction(tx, messageId, userId, emoji);
  if (added && (await messagesRepo.distinctEmojiCount(tx, messageId)) > MESSAGE_LIMITS.reactionsPerMessageMax)
    throw conflict("This message has too many different reactions");
}

/**
 * Messages: sending (seq + idempotency), history, catch-up, edits, deletes, reactions, pins.
 * Every change goes through `message-changes.ts` in a unit of work: stamped with the group's
 * change sequence, broadcast after commit.
 */
export function createMessagesService(
  deps: Deps,
  groups: GroupsService,
  opts: { safety: ContentSafety; rateLimiter?: RateLimiter | undefined },
) {
  const { db } = deps;
  const { safety } = opts;
  const limiter =
    opts.rateLimiter ??
    createMemoryRateLimiter({
      limit: MESSAGE_LIMITS.rateCount,
      windowMs: MESSAGE_LIMITS.rateWindowSeconds * 1000,
    });
  const reads = createMessageReads(deps, groups);
  const { loadVisible } = reads;
  const send = createSender(deps, { limiter, safety });

  return {
    ...reads,
    send,

    /** Edit your own message within the edit window; the earlier body is kept in the history. */
    async edit(user: AuthUser, messageId: string, body: string): Promise<{ message: Message }> {
      const { row, access } = await loadVisible(user, messageId);
      refuseEdit(user, row, !!access.membership);
      await refuseChange(db, user.id, row.groupId, access.group.archivedAt, true);
      const screening = await safety.screen(body);
      if (screening.action === "block") throw await blockedRefusal(safety, screening, user);
      if (body === row.body) {
        const [same] = await messagesRepo.views(db, [row]);
        return { message: presentMessage(same!, "member") };
      }
      const own = and(isNull(messages.deletedAt), sql`${messages.senderId} = ${user.id}`);
      const view = await unitOfWork(deps, async (tx, uow) => {
        const updated = await stampMessage(tx, row, { body, editedAt: new Date() }, own);
        await messagesRepo.insertEdit(tx, row.id, row.body);
        const v = await recordChange(tx, uow, "message:updated", updated);
        if (screening.action) await safety.onDelivered(tx, uow, v, screening, user);
        return v;
      });
      return { message: presentMessage(view, "member") };
    },

    /** Delete your own message: a tombstone stays, the body is gone for everyone. Idempotent. */
    async deleteOwn(user: AuthUser, messageId: string): Promise<{ message: Message }> {
      const { row, access } = await loadVisible(user, messageId);
      if (row.senderId !== user.id) throw forbidden("You can only delete your own messages");
      if (row.deletedAt) {
        const [v] = await messagesRepo.views(db, [row]);
        return { message: presentMessage(v!, "member") };
      }
      await refuseChange(db, user.id, row.groupId, access.group.archivedAt, false);
      const patch = { deletedAt: new Date(), pinnedAt: null, pinnedBy: null };
      const view = await unitOfWork(deps, (tx, uow) =>
        changeMessage(tx, uow, row, patch, "message:deleted", isNull(messages.deletedAt)),
      );
      return { message: presentMessage(view, "member") };
    },

    /** Toggle the caller's reaction with `emoji`. */
    async react(user: AuthUser, messageId: string, emoji: string): Promise<{ message: Message }> {
      const { row, access } = await loadVisible(user, messageId);
      if (!access.membership) throw forbidden("Join this group to react");
      if (row.deletedAt) throw conflict("This message was deleted");
      await refuseChange(db, user.id, row.groupId, access.group.archivedAt, true);
      const view = await unitOfWork(deps, async (tx, uow) => {
        const updated = await stampMessage(tx, row, {}, isNull(messages.deletedAt));
        await toggleReaction(tx, row.id, user.id, emoji);
        return recordChange(tx, uow, "message:updated", updated);
      });
      return { message: presentMessage(view, access.canModerate ? "moderator" : "member") };
    },

    /** Pin or unpin (moderators of the group). */
    async setPinned(user: AuthUser, messageId: string, pinned: boolean): Promise<{ message: Message }> {
      const row = await messagesRepo.rowById(db, messageId);
      if (!row) throw notFound("message");
      const a = await groups.requireModerator(user, row.groupId);
      if (pinned && row.deletedAt) throw conflict("A deleted message cannot be pinned");
      if ((row.pinnedAt !== null) === pinned) {
        const [v] = await messagesRepo.views(db, [row]);
        return { message: presentMessage(v!, "moderator") };
      }
      const patch = pinned ? { pinnedAt: new Date(), pinnedBy: user.id } : { pinnedAt: null, pinnedBy: null };
      const view = await unitOfWork(deps, async (tx, uow) => {
        const updated = await stampMessage(tx, row, patch);
        await auditRepo.append(tx, {
          actorId: user.id,
          action: pinned ? "message_pinned" : "message_unpinned",
          groupId: row.groupId,
          messageId: row.id,
          targetUserId: row.senderId,
        });
        return recordChange(tx, uow, "message:updated", updated);
      });
      return { message: presentMessage(view, a.canModerate ? "moderator" : "member") };
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
