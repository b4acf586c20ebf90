import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { families, users } from "./accounts.js";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";
import { media } from "./media.js";

const big = (name: string) => bigint(name, { mode: "number" });

/**
 * A moderated chat group. `lastSeq` hands out message seqs and `changeSeq` orders every change
 * (new, edit, delete, hide, reaction) so reconnecting clients can catch up without gaps.
 */
export const groups = pgTable(
  "groups",
  {
    id: pk(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    topic: text("topic").notNull(),
    kind: text("kind", { enum: ["discussion", "announcement", "direct"] })
      .notNull()
      .default("discussion"),
    lastSeq: big("last_seq").notNull().default(0),
    changeSeq: big("change_seq").notNull().default(0),
    slowModeSeconds: integer("slow_mode_seconds").notNull().default(0),
    /** Distinct reporters that hide a message until a moderator decides; 0 = never auto-hide. */
    hideThreshold: integer("hide_threshold").notNull().default(3),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Direct conversations only: the family whose caregivers all take part (decision 075). */
    familyId: uuid("family_id").references(() => families.id, { onDelete: "cascade" }),
    /** Direct conversations only: the social worker on the other side. */
    socialWorkerId: uuid("social_worker_id").references(() => users.id, { onDelete: "set null" }),
    archivedAt: tstz("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("groups_topic_idx").on(t.topic),
    /** One conversation per (family, social worker) pair. */
    uniqueIndex("groups_direct_pair_key").on(t.familyId, t.socialWorkerId).where(sql`${t.kind} = 'direct'`),
    check("groups_direct_has_family", sql`(${t.kind} = 'direct') = (${t.familyId} IS NOT NULL)`),
  ],
);

/** Membership; moderators are members with role `moderator`. */
export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["member", "moderator"] })
      .notNull()
      .default("member"),
    lastReadSeq: big("last_read_seq").notNull().default(0),
    lastPostedAt: tstz("last_posted_at"),
    joinedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

/** Bans: a banned user cannot rejoin until unbanned. */
export const groupBans = pgTable(
  "group_bans",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    bannedBy: uuid("banned_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

/** Mutes: active while `until` is in the future and not lifted early. */
export const groupMutes = pgTable(
  "group_mutes",
  {
    id: pk(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    until: tstz("until").notNull(),
    reason: text("reason").notNull(),
    mutedBy: uuid("muted_by").references(() => users.id, { onDelete: "set null" }),
    liftedAt: tstz("lifted_at"),
    createdAt: createdAt(),
  },
  (t) => [index("group_mutes_lookup_idx").on(t.groupId, t.userId, t.until)],
);

/** Messages, numbered per group by `seq`; soft-deleted and hidden messages keep their row. */
export const messages = pgTable(
  "messages",
  {
    id: pk(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    seq: big("seq").notNull(),
    clientId: uuid("client_id").notNull(),
    senderId: uuid("sender_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body"),
    replyToSeq: big("reply_to_seq"),
    mentions: uuid("mentions").array().notNull().default(sql`'{}'::uuid[]`),
    /** Group change sequence of this message's latest change (creation, edit, delete, ...). */
    changeSeq: big("change_seq").notNull(),
    createdAt: createdAt(),
    editedAt: tstz("edited_at"),
    deletedAt: tstz("deleted_at"),
    /** Hidden from members (reports threshold or moderator) until a moderator decides. */
    hiddenAt: tstz("hidden_at"),
    pinnedAt: tstz("pinned_at"),
    pinnedBy: uuid("pinned_by").references(() => users.id, { onDelete: "set null" }),
    /** When a soft-deleted body was purged by retention. */
    purgedAt: tstz("purged_at"),
    /** A moderator acknowledged a crisis alert on it (members see a quiet marker only). */
    followedUpAt: tstz("followed_up_at"),
    /** The photo or voice message it carries (decision 110); one message per file. */
    mediaId: uuid("media_id").references(() => media.id, { onDelete: "set null" }),
    /** A policy card as it was when sent, `{ id, title, summary, deadline }` (decision 129). */
    card: jsonb("card"),
  },
  (t) => [
    uniqueIndex("messages_media_key").on(t.mediaId),
    uniqueIndex("messages_group_seq_key").on(t.groupId, t.seq),
    uniqueIndex("messages_sender_client_key").on(t.senderId, t.clientId),
    index("messages_group_change_idx").on(t.groupId, t.changeSeq),
    /** Retention: deleted messages whose body is still there (purged daily). */
    index("messages_purge_idx")
      .on(t.deletedAt)
      .where(sql`${t.deletedAt} is not null and ${t.purgedAt} is null`),
  ],
);

/** Earlier bodies of edited messages. */
export const messageEdits = pgTable(
  "message_edits",
  {
    id: pk(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    previousBody: text("previous_body"),
    editedAt: createdAt(),
  },
  (t) => [index("message_edits_message_idx").on(t.messageId)],
);

/** Emoji reactions, one per (message, user, emoji). */
export const messageReactions = pgTable(
  "message_reactions",
  {
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    emoji: text("emoji").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

/** Persisted notifications (mentions, replies, moderation, bookings), pushed live too. */
export const notifications = pgTable(
  "notifications",
  {
    id: pk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().default({}),
    readAt: tstz("read_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
