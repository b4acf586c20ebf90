import type { GroupRole, Reaction } from "@carecircle/shared";
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
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

/** What a refused send is checked against, to tell the sender why. */
export interface SendDiagnosis {
  group: { kind: string; archivedAt: Date | null; slowModeSeconds: number } | undefined;
  member: { role: GroupRole; lastPostedAt: Date | null } | undefined;
  banned: boolean;
  mute: { until: Date; reason: string } | undefined;
  replyExists: boolean;
}

const toDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

/** Map a raw `messages` row (snake_case, driver-specific types) to the Drizzle row shape. */
function fromRaw(r: Record<string, unknown>): MessageRow {
  return {
    id: String(r.id),
    groupId: String(r.group_id),
    seq: Number(r.seq),
    clientId: String(r.client_id),
    senderId: r.sender_id == null ? null : String(r.sender_id),
    body: r.body == null ? null : String(r.body),
    replyToSeq: r.reply_to_seq == null ? null : Number(r.reply_to_seq),
    mentions: Array.isArray(r.mentions) ? (r.mentions as string[]) : parsePgArray(r.mentions),
    changeSeq: Number(r.change_seq),
    createdAt: toDate(r.created_at)!,
    editedAt: toDate(r.edited_at),
    deletedAt: toDate(r.deleted_at),
    hiddenAt: toDate(r.hidden_at),
    pinnedAt: toDate(r.pinned_at),
    pinnedBy: r.pinned_by == null ? null : String(r.pinned_by),
    purgedAt: toDate(r.purged_at),
  };
}

function parsePgArray(v: unknown): string[] {
  if (typeof v !== "string") return [];
  const inner = v.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",") : [];
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

/** Data access for messages, edits and reactions. Seqs are only ever assigned by `insert`. */
export const messagesRepo = {
  /**
   * Insert a message in ONE statement: the sender's membership row is checked and locked
   * (not archived, may post in this kind of group, slow mode, not muted, clientId unused, reply
   * exists), then the group's counters are bumped under its row lock and the message takes the new
   * seq and change seq. Nothing is written unless every check passes, and a failed insert rolls
   * the counters back, so seqs are gap-free. Answers undefined when a check failed.
   */
  async insert(
    db: DbOrTx,
    m: {
      groupId: string;
      senderId: string;
      clientId: string;
      body: string;
      replyToSeq: number | null;
      mentions: string[];
    },
  ): Promise<MessageView | undefined> {
    const mentions = `{${m.mentions.join(",")}}`;
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`with mem as (
            update group_members gm set last_posted_at = now()
            from groups g
            where gm.group_id = ${m.groupId}::uuid and gm.user_id = ${m.senderId}::uuid and g.id = gm.group_id
              and g.archived_at is null
              and (g.kind = 'discussion' or gm.role = 'moderator')
              and (gm.role = 'moderator' or g.slow_mode_seconds = 0 or gm.last_posted_at is null
                   or gm.last_posted_at <= now() - make_interval(secs => g.slow_mode_seconds))
              and not exists (
                select 1 from group_mutes mu
                where mu.group_id = gm.group_id and mu.user_id = gm.user_id
                  and mu.lifted_at is null and mu.until > now())
              and not exists (
                select 1 from messages x where x.sender_id = gm.user_id and x.client_id = ${m.clientId}::uuid)
              and (${m.replyToSeq}::bigint is null or exists (
                select 1 from messages r where r.group_id = gm.group_id and r.seq = ${m.replyToSeq}::bigint))
            returning gm.role
          ), grp as (
            update groups set last_seq = last_seq + 1, change_seq = change_seq + 1
            where id = ${m.groupId}::uuid and exists (select 1 from mem)
            returning id, last_seq, change_seq
          ), ins as (
            insert into messages (group_id, seq, client_id, sender_id, body, reply_to_seq, mentions, change_seq)
            select grp.id, grp.last_seq, ${m.clientId}::uuid, ${m.senderId}::uuid, ${m.body}::text,
                   ${m.replyToSeq}::bigint, ${mentions}::uuid[], grp.change_seq
            from grp
            returning *
          )
          select ins.*, u.display_name as sender_name, (select role from mem) as sender_role
          from ins join users u on u.id = ins.sender_id`,
    );
    const raw = rows[0];
    if (!raw) return undefined;
    return {
      row: fromRaw(raw),
      senderName: String(raw.sender_name),
      senderRole: raw.sender_role as GroupRole,
      reactions: [],
    };
  },

  /** Why `insert` refused: the facts to explain it, read in one statement. */
  async diagnose(
    db: DbOrTx,
    groupId: string,
    userId: string,
    replyToSeq: number | null,
  ): Promise<SendDiagnosis> {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select g.kind, g.archived_at, g.slow_mode_seconds,
                 gm.role, gm.last_posted_at, (gm.user_id is not null) as is_member,
                 exists (select 1 from group_bans b where b.group_id = g.id and b.user_id = ${userId}::uuid) as banned,
                 mu.until as mute_until, mu.reason as mute_reason,
                 (${replyToSeq}::bigint is null or exists (
                   select 1 from messages r where r.group_id = g.id and r.seq = ${replyToSeq}::bigint)) as reply_exists
          from groups g
          left join group_members gm on gm.group_id = g.id and gm.user_id = ${userId}::uuid
          left join lateral (
            select until, reason from group_mutes
            where group_id = g.id and user_id = ${userId}::uuid and lifted_at is null and until > now()
            order by until desc limit 1
          ) mu on true
          where g.id = ${groupId}::uuid`,
    );
    if (!r)
      return { group: undefined, member: undefined, banned: false, mute: undefined, replyExists: false };
    return {
      group: {
        kind: String(r.kind),
        archivedAt: toDate(r.archived_at),
        slowModeSeconds: Number(r.slow_mode_seconds),
      },
      member: r.is_member ? { role: r.role as GroupRole, lastPostedAt: toDate(r.last_posted_at) } : undefined,
      banned: !!r.banned,
      mute: r.mute_until ? { until: toDate(r.mute_until)!, reason: String(r.mute_reason) } : undefined,
      replyExists: !!r.reply_exists,
    };
  },

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
    const userIds = Array.isArray(r.userIds) ? r.userIds : parsePgArray(r.userIds);
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
