import type { GroupRole, MessageCard } from "@carecircle/shared";
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows, textArray } from "../../db/client.js";
import { mediaRefSql, toMediaRef } from "../media/media.repo.js";
import type { MessageRow, MessageView } from "./messages.repo.js";

/** One message to store. */
export interface SendValues {
  groupId: string;
  senderId: string;
  clientId: string;
  body: string | null;
  replyToSeq: number | null;
  mentions: string[];
  /** An upload of the sender's for this group that no message carries yet. */
  mediaId: string | null;
  /** A published policy card's snapshot (decision 129). */
  card?: MessageCard | null;
}

/** What a refused send is checked against, to tell the sender why. */
export interface SendDiagnosis {
  group: { kind: string; archivedAt: Date | null; slowModeSeconds: number } | undefined;
  member: { role: GroupRole; lastPostedAt: Date | null } | undefined;
  banned: boolean;
  mute: { until: Date; reason: string } | undefined;
  replyExists: boolean;
  /** The media given is the sender's, for this group, still there and not sent yet. */
  mediaUsable: boolean;
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
    mentions: textArray(r.mentions),
    changeSeq: Number(r.change_seq),
    createdAt: toDate(r.created_at)!,
    editedAt: toDate(r.edited_at),
    deletedAt: toDate(r.deleted_at),
    hiddenAt: toDate(r.hidden_at),
    pinnedAt: toDate(r.pinned_at),
    pinnedBy: r.pinned_by == null ? null : String(r.pinned_by),
    purgedAt: toDate(r.purged_at),
    followedUpAt: toDate(r.followed_up_at),
    mediaId: r.media_id == null ? null : String(r.media_id),
    card: r.card ?? null,
  };
}

/** SQL: the upload is the sender's, for this group, still has its bytes and no message has it. */
function usableMedia(mediaId: SQL, senderId: SQL, groupId: SQL): SQL {
  return sql`exists (
    select 1 from media md
    where md.id = ${mediaId} and md.uploader_id = ${senderId} and md.group_id = ${groupId}
      and md.removed_at is null
      and not exists (select 1 from messages mx where mx.media_id = md.id))`;
}

/** The send path: one statement to insert, and the facts to explain a refusal. */
export const sendRepo = {
  /**
   * Insert one message in ONE statement (the one-row case of `insertMany`): the sender's
   * membership row is checked and locked (not archived, may post in this kind of group, slow mode,
   * not muted, clientId unused, reply exists), then the group's counters are bumped under its row
   * lock and the message takes the new seq and change seq. Nothing is written unless every check
   * passes, so seqs are gap-free. Answers undefined when a check failed.
   */
  async insert(db: DbOrTx, m: SendValues): Promise<MessageView | undefined> {
    return (await this.insertMany(db, m.groupId, [m])).get(m.senderId);
  },

  /**
   * Group commit: insert several messages of ONE group from DIFFERENT senders in one statement
   * (one row lock on the group, one commit, one WAL flush). Every row passes the same checks as
   * `insert`; rows that fail are left out and the others take consecutive seqs in input order,
   * so seqs stay gap-free. Answers the stored views keyed by sender id (a refused sender is absent).
   * Callers guarantee one message per sender: a member row can be updated once per statement.
   */
  async insertMany(
    db: DbOrTx,
    groupId: string,
    batch: readonly SendValues[],
  ): Promise<Map<string, MessageView>> {
    const input = JSON.stringify(
      batch.map((m, i) => ({
        ord: i,
        sender_id: m.senderId,
        client_id: m.clientId,
        body: m.body,
        reply_to_seq: m.replyToSeq,
        mentions: `{${m.mentions.join(",")}}`,
        media_id: m.mediaId,
        card: m.card ?? null,
      })),
    );
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`with input as (
            select * from jsonb_to_recordset(${input}::jsonb)
              as t(ord int, sender_id uuid, client_id uuid, body text, reply_to_seq bigint, mentions text,
                   media_id uuid, card jsonb)
          ), mem as (
            update group_members gm set last_posted_at = now()
            from groups g, input i
            where g.id = ${groupId}::uuid and gm.group_id = g.id and gm.user_id = i.sender_id
              and g.archived_at is null
              and (g.kind <> 'announcement' or gm.role = 'moderator')
              and (gm.role = 'moderator' or g.slow_mode_seconds = 0 or gm.last_posted_at is null
                   or gm.last_posted_at <= now() - make_interval(secs => g.slow_mode_seconds))
              and not exists (
                select 1 from group_mutes mu
                where mu.group_id = gm.group_id and mu.user_id = gm.user_id
                  and mu.lifted_at is null and mu.until > now())
              and not exists (
                select 1 from messages x where x.sender_id = gm.user_id and x.client_id = i.client_id)
              and (i.reply_to_seq is null or exists (
                select 1 from messages r where r.group_id = gm.group_id and r.seq = i.reply_to_seq))
              and (i.media_id is null or ${usableMedia(sql`i.media_id`, sql`gm.user_id`, sql`gm.group_id`)})
            returning gm.user_id, gm.role
          ), acc as (
            select i.*, mem.role, row_number() over (order by i.ord) as n, count(*) over () as cnt
            from input i join mem on mem.user_id = i.sender_id
          ), grp as (
            update groups set last_seq = last_seq + (select count(*) from acc),
                              change_seq = change_seq + (select count(*) from acc)
            where id = ${groupId}::uuid and exists (select 1 from acc)
            returning id, last_seq, change_seq
          ), ins as (
            insert into messages (group_id, seq, client_id, sender_id, body, reply_to_seq, mentions, change_seq,
                                  media_id, card)
            select grp.id, grp.last_seq - acc.cnt + acc.n, acc.client_id, acc.sender_id, acc.body,
                   acc.reply_to_seq, acc.mentions::uuid[], grp.change_seq - acc.cnt + acc.n, acc.media_id,
                   acc.card
            from acc cross join grp
            returning *
          )
          select ins.*, u.display_name as sender_name, acc.role as sender_role,
                 ${mediaRefSql(sql`ins.media_id`)} as media
          from ins join users u on u.id = ins.sender_id join acc on acc.sender_id = ins.sender_id`,
    );
    const views = new Map<string, MessageView>();
    for (const raw of rows) {
      const row = fromRaw(raw);
      views.set(row.senderId!, {
        row,
        senderName: String(raw.sender_name),
        senderRole: raw.sender_role as GroupRole,
        reactions: [],
        media: toMediaRef(raw.media),
      });
    }
    return views;
  },

  /** Why `insert` refused: the facts to explain it, read in one statement. */
  async diagnose(
    db: DbOrTx,
    groupId: string,
    userId: string,
    replyToSeq: number | null,
    mediaId: string | null = null,
  ): Promise<SendDiagnosis> {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select g.kind, g.archived_at, g.slow_mode_seconds,
                 gm.role, gm.last_posted_at, (gm.user_id is not null) as is_member,
                 exists (select 1 from group_bans b where b.group_id = g.id and b.user_id = ${userId}::uuid) as banned,
                 mu.until as mute_until, mu.reason as mute_reason,
                 (${replyToSeq}::bigint is null or exists (
                   select 1 from messages r where r.group_id = g.id and r.seq = ${replyToSeq}::bigint)) as reply_exists,
                 (${mediaId}::uuid is null or ${usableMedia(sql`${mediaId}::uuid`, sql`${userId}::uuid`, sql`g.id`)}) as media_usable
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
      return {
        group: undefined,
        member: undefined,
        banned: false,
        mute: undefined,
        replyExists: false,
        mediaUsable: false,
      };
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
      mediaUsable: !!r.media_usable,
    };
  },
};
