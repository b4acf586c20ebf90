import type { GroupRole, Reaction } from "@carecircle/shared";
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  groupMembers,
  groups,
  messageEdits,
  messageReactions,
  messages,
  users,
} from "../../db/schema/index.js";
import { type MediaRef, mediaRefSql, toMediaRef } from "../media/media.repo.js";

export type MessageRow = typeof messages.$inferSelect;

/** A message row with what presenting it needs: the sender's pseudonym and badge, reactions. */
export interface MessageView {
  row: MessageRow;
  senderName: string | null;
  senderRole: GroupRole | null;
  reactions: Reaction[];
  /** The photo or voice message it carries (never its bytes). */
  media: MediaRef | null;
  /** Whether the reader played its voice message, when read for one reader. */
  played?: boolean;
}

/** Every column of `messages` plus the sender's name and badge, for Drizzle selects. */
const viewColumns = {
  m: messages,
  senderName: users.displayName,
  senderRole: groupMembers.role,
  /** The message's reactions grouped by emoji, first reacted first, read in the same statement. */
  reactions: sql<unknown>`coalesce((
    select json_agg(json_build_object('emoji', r.emoji, 'userIds', r.user_ids) order by r.first, r.emoji)
    from (select emoji, array_agg(user_id order by created_at) as user_ids, min(created_at) as first
          from message_reactions where message_id = ${messages.id} group by emoji) r), '[]'::json)`,
  media: mediaRefSql(sql`${messages.mediaId}`),
};

/** Every view column plus `extra`, from messages with the sender's name and group role. */
function baseView<E extends Record<string, SQL>>(db: DbOrTx, extra: E = {} as E) {
  return db
    .select({ ...viewColumns, ...extra })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .leftJoin(
      groupMembers,
      and(eq(groupMembers.groupId, messages.groupId), eq(groupMembers.userId, messages.senderId)),
    );
}

/** `baseView` plus the group's change counter, read by the same statement (one snapshot). */
const countedView = (db: DbOrTx, groupId: string) =>
  baseView(db, { changeSeq: sql<unknown>`(select change_seq from groups where id = ${groupId}::uuid)` });

type BaseRow = {
  m: MessageRow;
  senderName: string | null;
  senderRole: GroupRole | null;
  reactions: unknown;
  media: unknown;
};

/** Data access for messages, edits and reactions (seqs are only assigned by `sendRepo.insert`). */
export const messagesRepo = {
  async byClientId(db: DbOrTx, senderId: string, clientId: string): Promise<MessageView | undefined> {
    const rows = await baseView(db)
      .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)))
      .limit(1);
    return rows.map(toView)[0];
  },

  async byId(db: DbOrTx, id: string): Promise<MessageView | undefined> {
    const rows = await baseView(db).where(eq(messages.id, id)).limit(1);
    return rows.map(toView)[0];
  },

  async rowById(db: DbOrTx, id: string): Promise<MessageRow | undefined> {
    const [row] = await db.select().from(messages).where(eq(messages.id, id)).limit(1);
    return row;
  },

  async bySeq(db: DbOrTx, groupId: string, seq: number): Promise<MessageRow | undefined> {
    const [row] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.groupId, groupId), eq(messages.seq, seq)))
      .limit(1);
    return row;
  },

  /**
   * One page of history by seq through the (group_id, seq) index: newest first by default,
   * older than `before`, or newer than `after`. Answers the page oldest-first and whether more exist.
   */
  async page(
    db: DbOrTx,
    groupId: string,
    q: { before?: number | undefined; after?: number | undefined; limit: number },
  ): Promise<{ views: MessageView[]; hasMore: boolean; changeSeq: number }> {
    const forward = q.after !== undefined;
    const conds = [eq(messages.groupId, groupId)];
    if (q.before !== undefined) conds.push(lt(messages.seq, q.before));
    if (q.after !== undefined) conds.push(gt(messages.seq, q.after));
    const { rows, changeSeq } = await withCounter(db, groupId, () =>
      countedView(db, groupId)
        .where(and(...conds))
        .orderBy(forward ? asc(messages.seq) : desc(messages.seq))
        .limit(q.limit + 1),
    );
    const hasMore = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    if (!forward) page.reverse();
    return { views: page.map(toView), hasMore, changeSeq };
  },

  /**
   * Messages whose latest change is after `since`, in change order (the catch-up feed), with the
   * group's change counter read by the same statement: the counter and the messages come from
   * one snapshot, and changes commit in change-sequence order (the group row lock).
   */
  async changedSince(
    db: DbOrTx,
    groupId: string,
    since: number,
    limit: number,
  ): Promise<{ views: MessageView[]; hasMore: boolean; changeSeq: number }> {
    const { rows, changeSeq } = await withCounter(db, groupId, () =>
      countedView(db, groupId)
        .where(and(eq(messages.groupId, groupId), gt(messages.changeSeq, since)))
        .orderBy(asc(messages.changeSeq))
        .limit(limit + 1),
    );
    const hasMore = rows.length > limit;
    return { views: rows.slice(0, limit).map(toView), hasMore, changeSeq };
  },

  async pinned(db: DbOrTx, groupId: string): Promise<MessageView[]> {
    const rows = await baseView(db)
      .where(and(eq(messages.groupId, groupId), isNotNull(messages.pinnedAt)))
      .orderBy(desc(messages.pinnedAt))
      .limit(50);
    return rows.map(toView);
  },

  /** Bump the group's change sequence (locks the group row until commit) and answer the new value. */
  async nextChangeSeq(tx: DbOrTx, groupId: string): Promise<number> {
    const [row] = await tx
      .update(groups)
      .set({ changeSeq: sql`${groups.changeSeq} + 1` })
      .where(eq(groups.id, groupId))
      .returning({ changeSeq: groups.changeSeq });
    return Number(row!.changeSeq);
  },

  /** Lock the group row until commit (serialises report counting with other changes). */
  async lockGroup(tx: DbOrTx, groupId: string): Promise<void> {
    await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for("update");
  },

  async currentChangeSeq(db: DbOrTx, groupId: string): Promise<{ changeSeq: number; lastSeq: number }> {
    const [row] = await db
      .select({ changeSeq: groups.changeSeq, lastSeq: groups.lastSeq })
      .from(groups)
      .where(eq(groups.id, groupId))
      .limit(1);
    return { changeSeq: Number(row?.changeSeq ?? 0), lastSeq: Number(row?.lastSeq ?? 0) };
  },

  /** Update a message (only when `where` still holds) and stamp it with `changeSeq`. */
  async update(
    tx: DbOrTx,
    id: string,
    changeSeq: number,
    patch: Partial<Omit<MessageRow, "id" | "groupId" | "seq" | "changeSeq">>,
    extra?: ReturnType<typeof sql>,
  ): Promise<MessageRow | undefined> {
    const [row] = await tx
      .update(messages)
      .set({ ...patch, changeSeq })
      .where(extra ? and(eq(messages.id, id), extra) : eq(messages.id, id))
      .returning();
    return row;
  },

  async insertEdit(tx: DbOrTx, messageId: string, previousBody: string | null): Promise<void> {
    await tx.insert(messageEdits).values({ messageId, previousBody });
  },

  async edits(db: DbOrTx, messageId: string): Promise<{ body: string | null; editedAt: Date }[]> {
    return db
      .select({ body: messageEdits.previousBody, editedAt: messageEdits.editedAt })
      .from(messageEdits)
      .where(eq(messageEdits.messageId, messageId))
      .orderBy(asc(messageEdits.editedAt));
  },

  /** Add the reaction, or remove it if the user already has it; answers true when added. */
  async toggleReaction(tx: DbOrTx, messageId: string, userId: string, emoji: string): Promise<boolean> {
    const removed = await tx
      .delete(messageReactions)
      .where(
        and(
          eq(messageReactions.messageId, messageId),
          eq(messageReactions.userId, userId),
          eq(messageReactions.emoji, emoji),
        ),
      )
      .returning({ emoji: messageReactions.emoji });
    if (removed.length > 0) return false;
    await tx.insert(messageReactions).values({ messageId, userId, emoji }).onConflictDoNothing();
    return true;
  },

  async distinctEmojiCount(db: DbOrTx, messageId: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number | string>`count(distinct ${messageReactions.emoji})` })
      .from(messageReactions)
      .where(eq(messageReactions.messageId, messageId));
    return Number(row?.n ?? 0);
  },

  /** Add sender names, badges and reactions to rows of one message each. */
  async views(db: DbOrTx, rows: MessageRow[]): Promise<MessageView[]> {
    if (rows.length === 0) return [];
    const base = await baseView(db).where(
      inArray(
        messages.id,
        rows.map((r) => r.id),
      ),
    );
    const byId = new Map(base.map((b) => [b.m.id, b]));
    return rows.map((r) =>
      toView({
        ...(byId.get(r.id) ?? { senderName: null, senderRole: null, reactions: [], media: null }),
        m: r,
      }),
    );
  },
};

/**
 * Run a counted page query. Its rows carry the counter from their own snapshot. An empty page
 * has no row to carry it: then the counter is read first and the page once more, so no change
 * can commit between the two unseen (the counter never runs ahead of what the page shows).
 */
async function withCounter<R extends { changeSeq: unknown }>(
  db: DbOrTx,
  groupId: string,
  run: () => Promise<R[]>,
): Promise<{ rows: R[]; changeSeq: number }> {
  const rows = await run();
  if (rows[0]) return { rows, changeSeq: Number(rows[0].changeSeq ?? 0) };
  const { changeSeq } = await messagesRepo.currentChangeSeq(db, groupId);
  const again = await run();
  return { rows: again, changeSeq: again[0] ? Number(again[0].changeSeq ?? 0) : changeSeq };
}

function toView(r: BaseRow): MessageView {
  const raw = (typeof r.reactions === "string" ? JSON.parse(r.reactions) : r.reactions) as
    | { emoji: string; userIds: string[] }[]
    | null;
  return {
    row: r.m,
    senderName: r.senderName,
    senderRole: r.senderRole,
    reactions: (raw ?? []).map((x) => ({ emoji: x.emoji, count: x.userIds.length, userIds: x.userIds })),
    media: toMediaRef(r.media),
  };
}
