import {
  type HistoryPage,
  type HistoryQueryInput,
  MESSAGE_LIMITS,
  type Message,
  type SyncResult,
} from "@carecircle/shared";
import { and, isNull, sql } from "drizzle-orm";
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
import { type Audience, presentMessage } from "./messages.presenter.js";
import { messagesRepo } from "./messages.repo.js";
import { refuseChange } from "./refusals.js";
import { createSender } from "./send.service.js";

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

  const send = createSender(deps, { limiter, safety });

  /** Load a message the caller may see (a reader of its group), else 404. */
  async function loadVisible(user: AuthUser, messageId: string) {
    const row = await messagesRepo.rowById(db, messageId);
    if (!row) throw notFound("message");
    const a = await groups.access(user, row.groupId).catch(() => undefined);
    if (!a?.canRead) throw notFound("message");
    if (row.hiddenAt && !row.deletedAt && !a.canModerate && row.senderId !== user.id)
      throw notFound("message");
    return { row, access: a };
  }

  async function pageAudience(user: AuthUser, groupId: string): Promise<Audience> {
    const a = await groups.requireReader(user, groupId);
    return a.canModerate ? "moderator" : "member";
  }

  return {
    loadVisible,
    send,

    /** Edit your own message within the edit window; the earlier body is kept in the history. */
    async edit(user: AuthUser, messageId: string, body: string): Promise<{ message: Message }> {
      const { row, access } = await loadVisible(user, messageId);
      if (row.senderId !== user.id) throw forbidden("You can only edit your own messages");
      if (!access.membership) throw forbidden("You are no longer a member of this group");
      if (row.deletedAt) throw conflict("This message was deleted");
      if (Date.now() - row.createdAt.getTime() > MESSAGE_LIMITS.editWindowMinutes * 60_000)
        throw new AppError(
          "EDIT_WINDOW_CLOSED",
          `Messages can only be edited for ${MESSAGE_LIMITS.editWindowMinutes} minutes`,
        );
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
        const added = await messagesRepo.toggleReaction(tx, row.id, user.id, emoji);
        if (
          added &&
          (await messagesRepo.distinctEmojiCount(tx, row.id)) > MESSAGE_LIMITS.reactionsPerMessageMax
        )
          throw conflict("This message has too many different reactions");
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

    async editsOf(user: AuthUser, messageId: string) {
      const { row, access } = await loadVisible(user, messageId);
      if (row.senderId !== user.id && !access.canModerate)
        throw forbidden("Only the author and moderators see earlier versions");
      const edits = row.deletedAt ? [] : await messagesRepo.edits(db, messageId);
      return { edits: edits.map((e) => ({ body: e.body, editedAt: e.editedAt.toISOString() })) };
    },

    /** A page of history by seq (keyset pagination over the (group_id, seq) index). */
    async history(user: AuthUser, groupId: string, q: HistoryQueryInput): Promise<HistoryPage> {
      const audience = await pageAudience(user, groupId);
      const { views, hasMore, changeSeq } = await messagesRepo.page(db, groupId, q);
      return { messages: views.map((v) => presentMessage(v, audience)), hasMore, changeSeq };
    },

    /**
     * Catch-up: every message whose latest change is after `since`, in change order. The cursor
     * answered is safe to resume from: changes commit in change-sequence order (the group row
     * lock), and the group's counter comes from the same snapshot as the messages (`withCounter`).
     */
    async sync(user: AuthUser, groupId: string, since: number, limit: number): Promise<SyncResult> {
      const audience = await pageAudience(user, groupId);
      const { views, hasMore, changeSeq } = await messagesRepo.changedSince(db, groupId, since, limit);
      const last = views.at(-1)?.row.changeSeq;
      return {
        groupId,
        messages: views.map((v) => presentMessage(v, audience)),
        changeSeq: hasMore ? last! : Math.max(changeSeq, last ?? 0),
        hasMore,
      };
    },

    async pins(user: AuthUser, groupId: string): Promise<{ messages: Message[] }> {
      const audience = await pageAudience(user, groupId);
      const views = await messagesRepo.pinned(db, groupId);
      return { messages: views.map((v) => presentMessage(v, audience)) };
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
