import {
  type HistoryPage,
  type HistoryQueryInput,
  MESSAGE_LIMITS,
  type Message,
  type SyncResult,
} from "@carecircle/shared";
import { and, isNull, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { messages } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, forbidden, notFound } from "../../errors.js";
import { createMemoryRateLimiter, type RateLimiter } from "../../lib/rate-limit.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { type AfterCommit, type ContentSafety, noSafety, type Screening } from "./content-safety.js";
import { type Audience, presentMessage } from "./messages.presenter.js";
import { type MessageRow, type MessageView, messagesRepo } from "./messages.repo.js";
import { refuseChange } from "./refusals.js";
import { createSender } from "./send.service.js";

export type MessageEvent = "message:new" | "message:updated" | "message:deleted";

/**
 * Messages: sending (seq + idempotency), history, catch-up, edits, deletes, reactions, pins.
 * Every change bumps the group's change sequence and stamps the message with it, so
 * "messages with changeSeq > N" is exactly what a client missed. Events go out after commit.
 */
export function createMessagesService(
  deps: Deps,
  groups: GroupsService,
  notifications: NotificationsService,
  opts: { rateLimiter?: RateLimiter } = {},
) {
  const { db, realtime } = deps;
  let safety: ContentSafety = noSafety;
  const limiter =
    opts.rateLimiter ??
    createMemoryRateLimiter({
      limit: MESSAGE_LIMITS.rateCount,
      windowMs: MESSAGE_LIMITS.rateWindowSeconds * 1000,
    });

  /** Emit once to the group's room; a hidden message goes to members without its body. */
  function broadcast(event: MessageEvent, v: MessageView): void {
    const groupId = v.row.groupId;
    if (v.row.hiddenAt && !v.row.deletedAt) {
      realtime.io
        .to(rooms.group(groupId))
        .except(rooms.moderators(groupId))
        .emit(event, presentMessage(v, "member"));
      realtime.io.to(rooms.moderators(groupId)).emit(event, presentMessage(v, "moderator"));
    } else {
      realtime.io.to(rooms.group(groupId)).emit(event, presentMessage(v, "member"));
    }
  }

  /**
   * A kind refusal for blocked words. If the text also reads as crisis talk, the author still
   * gets the help text (the send itself stays refused).
   */
  async function blocked(screening: Screening, user: AuthUser): Promise<AppError> {
    const crisis = screening.matches.some((m) => m.action === "crisis");
    return new AppError(
      "BLOCKED_CONTENT",
      "Some words in this message are not allowed in the groups. Please change them and send again.",
      crisis ? { support: await safety.supportText(user.locale) } : undefined,
    );
  }

  const send = createSender(deps, notifications, { limiter, safety: () => safety, broadcast, blocked });

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

  /** Inside `tx`: bump the group's change sequence and update the message with it (if `where` holds). */
  async function stamp(
    tx: Tx,
    row: MessageRow,
    patch: Partial<MessageRow>,
    where?: SQL,
  ): Promise<MessageRow> {
    const cs = await messagesRepo.nextChangeSeq(tx, row.groupId);
    const u = await messagesRepo.update(tx, row.id, cs, patch, where);
    if (!u) throw conflict("This message changed meanwhile; please reload");
    return u;
  }

  /** After commit: send the changed message's new state to its group. */
  async function publish(event: MessageEvent, row: MessageRow): Promise<MessageView> {
    const [view] = await messagesRepo.views(db, [row]);
    broadcast(event, view!);
    return view!;
  }

  /**
   * Apply one change to a message in a transaction: bump the group's change sequence, update
   * the row (only if `where` still holds), run `also` in the same transaction, then broadcast.
   */
  async function change(
    row: MessageRow,
    patch: Partial<MessageRow>,
    event: MessageEvent,
    opts: { where?: SQL; also?: (tx: Tx, updated: MessageRow) => Promise<AfterCommit | undefined> } = {},
  ): Promise<MessageView> {
    let after: AfterCommit | undefined;
    const updated = await db.transaction(async (tx) => {
      const u = await stamp(tx, row, patch, opts.where);
      after = await opts.also?.(tx, u);
      return u;
    });
    const view = await publish(event, updated);
    after?.();
    return view;
  }

  async function pageAudience(user: AuthUser, groupId: string): Promise<Audience> {
    const a = await groups.requireReader(user, groupId);
    return a.canModerate ? "moderator" : "member";
  }

  return {
    broadcast,
    change,
    stamp,
    publish,
    loadVisible,

    /** Plug in watched words and crisis handling (the moderation module). */
    setSafety(s: ContentSafety): void {
      safety = s;
    },

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
      if (screening.action === "block") throw await blocked(screening, user);
      if (body === row.body) {
        const [same] = await messagesRepo.views(db, [row]);
        return { message: presentMessage(same!, "member") };
      }
      const view = await change(row, { body, editedAt: new Date() }, "message:updated", {
        where: and(isNull(messages.deletedAt), sql`${messages.senderId} = ${user.id}`),
        also: async (tx, updated) => {
          await messagesRepo.insertEdit(tx, row.id, row.body);
          if (!screening.action) return undefined;
          const [v] = await messagesRepo.views(tx, [updated]);
          return safety.onDelivered(tx, v!, screening, user);
        },
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
      const view = await change(
        row,
        { deletedAt: new Date(), pinnedAt: null, pinnedBy: null },
        "message:deleted",
        {
          where: isNull(messages.deletedAt),
        },
      );
      return { message: presentMessage(view, "member") };
    },

    /** Toggle the caller's reaction with `emoji`. */
    async react(user: AuthUser, messageId: string, emoji: string): Promise<{ message: Message }> {
      const { row, access } = await loadVisible(user, messageId);
      if (!access.membership) throw forbidden("Join this group to react");
      if (row.deletedAt) throw conflict("This message was deleted");
      await refuseChange(db, user.id, row.groupId, access.group.archivedAt, true);
      const view = await change(row, {}, "message:updated", {
        where: isNull(messages.deletedAt),
        also: async (tx) => {
          const added = await messagesRepo.toggleReaction(tx, row.id, user.id, emoji);
          if (
            added &&
            (await messagesRepo.distinctEmojiCount(tx, row.id)) > MESSAGE_LIMITS.reactionsPerMessageMax
          )
            throw conflict("This message has too many different reactions");
          return undefined;
        },
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
      const view = await change(
        row,
        pinned ? { pinnedAt: new Date(), pinnedBy: user.id } : { pinnedAt: null, pinnedBy: null },
        "message:updated",
        {
          also: async (tx) => {
            await auditRepo.append(tx, {
              actorId: user.id,
              action: pinned ? "message_pinned" : "message_unpinned",
              groupId: row.groupId,
              messageId: row.id,
              targetUserId: row.senderId,
            });
            return undefined;
          },
        },
      );
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
