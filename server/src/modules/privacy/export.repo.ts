import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  bookings,
  groupBans,
  groupMembers,
  groupMutes,
  groups,
  messageEdits,
  messageReactions,
  messages,
  notifications,
  reports,
} from "../../db/schema/index.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";

/**
 * Reads for the data export: only rows that belong to the caller (their memberships, their own
 * messages, reactions, reports, sanctions and notifications). Other members' words never appear.
 */
export const exportRepo = {
  async memberships(db: DbOrTx, userId: string) {
    return db
      .select({ m: groupMembers, groupName: groups.name })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(eq(groupMembers.userId, userId))
      .orderBy(asc(groupMembers.joinedAt));
  },

  /** The caller's own messages, by group then seq. */
  async ownMessages(db: DbOrTx, userId: string) {
    return db
      .select({ m: messages, groupName: groups.name })
      .from(messages)
      .innerJoin(groups, eq(groups.id, messages.groupId))
      .where(eq(messages.senderId, userId))
      .orderBy(asc(groups.name), asc(messages.groupId), asc(messages.seq));
  },

  /** Earlier versions of the given messages (the caller's own), oldest first. */
  async editsOf(db: DbOrTx, messageIds: string[]) {
    if (messageIds.length === 0) return [];
    return db
      .select()
      .from(messageEdits)
      .where(inArray(messageEdits.messageId, messageIds))
      .orderBy(asc(messageEdits.editedAt), asc(messageEdits.id));
  },

  /** Reactions the caller gave: where (group, seq) and which emoji; not the message's text. */
  async ownReactions(db: DbOrTx, userId: string) {
    return db
      .select({
        groupId: messages.groupId,
        groupName: groups.name,
        seq: messages.seq,
        emoji: messageReactions.emoji,
        createdAt: messageReactions.createdAt,
      })
      .from(messageReactions)
      .innerJoin(messages, eq(messages.id, messageReactions.messageId))
      .innerJoin(groups, eq(groups.id, messages.groupId))
      .where(eq(messageReactions.userId, userId))
      .orderBy(asc(messageReactions.createdAt));
  },

  /** Reports the caller filed, with where the reported message is (not its text). */
  async ownReports(db: DbOrTx, userId: string) {
    return db
      .select({ r: reports, groupName: groups.name, seq: messages.seq })
      .from(reports)
      .innerJoin(groups, eq(groups.id, reports.groupId))
      .innerJoin(messages, eq(messages.id, reports.messageId))
      .where(eq(reports.reporterId, userId))
      .orderBy(asc(reports.createdAt));
  },

  async ownMutes(db: DbOrTx, userId: string) {
    return db
      .select({ m: groupMutes, groupName: groups.name })
      .from(groupMutes)
      .innerJoin(groups, eq(groups.id, groupMutes.groupId))
      .where(eq(groupMutes.userId, userId))
      .orderBy(asc(groupMutes.createdAt));
  },

  async ownBans(db: DbOrTx, userId: string) {
    return db
      .select({ b: groupBans, groupName: groups.name })
      .from(groupBans)
      .innerJoin(groups, eq(groups.id, groupBans.groupId))
      .where(eq(groupBans.userId, userId))
      .orderBy(asc(groupBans.createdAt));
  },

  async ownNotifications(db: DbOrTx, userId: string) {
    return db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.createdAt), asc(notifications.id));
  },
};

/** Every booking of a family, newest first (no page limit: the export is the whole record). */
export async function familyBookingViews(db: DbOrTx, familyId: string) {
  return bookingsRepo.views(db, eq(bookings.familyId, familyId), "desc", 1_000_000);
}
