import type { HistoryPage, HistoryQueryInput, Message, SyncResult } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { forbidden, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import { mediaRepo } from "../media/media.repo.js";
import { type Audience, presentMessage } from "./messages.presenter.js";
import { type MessageView, messagesRepo } from "./messages.repo.js";

/** The reading half of the messages service: one message, its earlier versions, pages, catch-up, pins. */
export function createMessageReads({ db }: Deps, groups: GroupsService) {
  /** Mark which voice messages among `views` the reader has played (shown to them only). */
  async function withPlayed(userId: string, views: MessageView[]): Promise<MessageView[]> {
    const voiceIds = views.filter((v) => v.media?.kind === "voice").map((v) => v.row.id);
    if (voiceIds.length === 0) return views;
    const played = await mediaRepo.playedAmong(db, userId, voiceIds);
    return views.map((v) => (v.media?.kind === "voice" ? { ...v, played: played.has(v.row.id) } : v));
  }

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
    withPlayed,

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
      const read = await withPlayed(user.id, views);
      return { messages: read.map((v) => presentMessage(v, audience)), hasMore, changeSeq };
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
        messages: (await withPlayed(user.id, views)).map((v) => presentMessage(v, audience)),
        changeSeq: hasMore ? last! : Math.max(changeSeq, last ?? 0),
        hasMore,
      };
    },

    async pins(user: AuthUser, groupId: string): Promise<{ messages: Message[] }> {
      const audience = await pageAudience(user, groupId);
      const views = await withPlayed(user.id, await messagesRepo.pinned(db, groupId));
      return { messages: views.map((v) => presentMessage(v, audience)) };
    },
  };
}
