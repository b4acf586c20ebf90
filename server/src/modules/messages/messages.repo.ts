import type { GroupRole, Reaction } from "@carecircle/shared";
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { type DbOrTx, textArray } from "../../db/client.js";
import {
  groupMembers,
  groups,
  messageEdits,
  messageReactions,
  messages,
  users,
} from "../../db/schema/index.js";

export type MessageRow = typeof messages.$inferSelect;

/** A message row with what presenting it needs: the sender's pseudonym and badge, reactions. */
export interface MessageView {
  row: MessageRow;
  senderName: string | null;
  senderRole: GroupRole | null;
  reactions: Reaction[];
}

/** Every column of `messages` plus the sender's name and badge, for Drizzle selects. */
const viewColumns = {
  m: messages,
  senderName: users.displayName,
  senderRole: groupMembers.role,
};

function baseView(db: DbOrTx) {
  return db
    .select(viewColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .leftJoin(
      groupMembers,
      and(eq(groupMembers.groupId, messages.groupId), eq(groupMembers.userId, messages.senderId)),
    );
}

type BaseRow = { m: MessageRow; senderName: string | null; senderRole: GroupRole | null };

/** Data access for messages, edits and reactions (seqs are only assigned by `sendRepo.insert`). */
export const messagesRepo = {
  async byClientId(db: DbOrTx, senderId: string, clientId: string): Promise<MessageView | undefined> {
    const rows = await baseView(db)
      .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)))
      .limit(1);
    return (await withReactions(db, rows))[0];
  },

  async byId(db: DbOrTx, id: string): Promise<MessageView | undefined> {
    const rows = await baseView(db).where(eq(messages.id, id)).limit(1);
    return (await withReactions(db, rows))[0];
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
  ): Promise<{ views: MessageView[]; hasMore: boolean }> {
    const forward = q.after !== undefined;
    const conds = [eq(messages.groupId, groupId)];
    if (q.before !== undefined) conds.push(lt(messages.seq, q.before));
    if (q.after !== undefined) conds.push(gt(messages.seq, q.after));
    const rows = await baseView(db)
      .where(and(...conds))
      .orderBy(forward ? asc(messages.seq) : desc(messages.seq))
      .limit(q.limit + 1);
    const hasMore = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    if (!forward) page.reverse();
    return { views: await withReactions(db, page), hasMore };
  },

  /** Messages whose latest change is after `since`, in change order (the catch-up feed). */
  async changedSince(
    db: DbOrTx,
    groupId: string,
    since: number,
    limit: number,
  ): Promise<{ views: MessageView[]; hasMore: boolean }> {
    const rows = await baseView(db)
      .where(and(eq(messages.groupId, groupId), gt(messages.changeSeq, since)))
      .orderBy(asc(messages.changeSeq))
      .limit(limit + 1);
    const hasMore = rows.length > limit;
    return { views: await withReactions(db, rows.slice(0, limit)), hasMore };
  },

  async pinned(db: DbOrTx, groupId: string): Promise<MessageView[]> {
    const rows = await baseView(db)
      .where(and(eq(messages.groupId, groupId), isNotNull(messages.pinnedAt)))
      .orderBy(desc(messages.pinnedAt))
      .limit(50);
    return withReactions(db, rows);
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
    return withReactions(
      db,
      rows.map((r) => ({ ...(byId.get(r.id) ?? { senderName: null, senderRole: null }), m: r })),
    );
  },
};

async function withReactions(db: DbOrTx, rows: BaseRow[]): Promise<MessageView[]> {
  if (rows.length === 0) return [];
  const reacted = await db
    .select({
      messageId: messageReactions.messageId,
      emoji: messageReactions.emoji,
      userIds: sql<
        string[] | string
      >`array_agg(${messageReactions.userId} order by ${messageReactions.createdAt})`,
      first: sql<string>`min(${messageReactions.createdAt})`,
    })
    .from(messageReactions)
    .where(
      inArray(
        messageReactions.messageId,
        rows.map((r) => r.m.id),
      ),
    )
    .groupBy(messageReactions.messageId, messageReactions.emoji)
    .orderBy(sql`min(${messageReactions.createdAt})`);
  const byMessage = new Map<string, Reaction[]>();
  for (const r of reacted) {
    const userIds = textArray(r.userIds);
    const list = byMessage.get(r.messageId) ?? [];
    list.push({ emoji: r.emoji, count: userIds.length, userIds });
    byMessage.set(r.messageId, list);
  }
  return rows.map((r) => ({
    row: r.m,
    senderName: r.senderName,
    senderRole: r.senderRole,
    reactions: byMessage.get(r.m.id) ?? [],
  }));
}
