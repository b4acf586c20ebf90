import { and, count, eq, gt, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  bookings,
  children,
  families,
  messageEdits,
  messageReactions,
  messages,
  notifications,
  slots,
  stressCheckins,
  users,
} from "../../db/schema/index.js";
import type { MessageRow } from "../messages/messages.repo.js";
import type { UserRow } from "../users/users.repo.js";

/**
 * SQL for account erasure. Message changes themselves go through the message service (`stamp`),
 * and bookings through the booking service's cancel path; this repo only finds what to change and
 * removes rows that have no behaviour of their own.
 */
export const erasureRepo = {
  /** Lock the account row: concurrent sends, bookings and deletions by this user wait for us. */
  async lockUser(tx: DbOrTx, id: string): Promise<UserRow | undefined> {
    const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update").limit(1);
    return row;
  },

  /**
   * Lock the family row: serialises two caregivers of one family deleting at once (the second
   * sees the first gone), invitations joining it, and bookings or check-ins being added to it.
   */
  async lockFamily(tx: DbOrTx, familyId: string): Promise<void> {
    await tx.select({ id: families.id }).from(families).where(eq(families.id, familyId)).for("update");
  },

  /** The family's other caregivers (any status: a disabled caregiver still belongs to the family). */
  async otherCaregivers(db: DbOrTx, familyId: string, userId: string) {
    return db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.familyId, familyId), eq(users.role, "caregiver"), ne(users.id, userId)))
      .orderBy(users.createdAt);
  },

  /** Bookings of the family whose child is at a station now (checked in, or the visit has started). */
  async visitsInProgress(db: DbOrTx, familyId: string, now: Date): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(
        and(
          eq(bookings.familyId, familyId),
          or(
            eq(bookings.status, "checked_in"),
            and(eq(bookings.status, "confirmed"), lte(slots.startsAt, now), gt(slots.endsAt, now)),
          ),
        ),
      );
    return Number(row?.n ?? 0);
  },

  /** Bookings the cancel path can still cancel: waitlisted ones, and confirmed ones not started. */
  async cancellableBookingIds(db: DbOrTx, familyId: string, now: Date): Promise<string[]> {
    const rows = await db
      .select({ id: bookings.id })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(
        and(
          eq(bookings.familyId, familyId),
          or(
            eq(bookings.status, "waitlisted"),
            and(eq(bookings.status, "confirmed"), gt(slots.startsAt, now)),
          ),
        ),
      )
      .orderBy(slots.startsAt, bookings.id);
    return rows.map((r) => r.id);
  },

  /** Every message the user sent (already deleted ones too: their bodies may not be purged yet). */
  async messagesOf(db: DbOrTx, userId: string): Promise<MessageRow[]> {
    return db
      .select()
      .from(messages)
      .where(eq(messages.senderId, userId))
      .orderBy(messages.groupId, messages.seq);
  },

  async countMessagesOf(db: DbOrTx, userId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(messages).where(eq(messages.senderId, userId));
    return Number(row?.n ?? 0);
  },

  /** Other people's live messages carrying a reaction of the user (the reaction must go, visibly). */
  async messagesReactedBy(db: DbOrTx, userId: string): Promise<MessageRow[]> {
    const reacted = db
      .selectDistinct({ id: messageReactions.messageId })
      .from(messageReactions)
      .where(eq(messageReactions.userId, userId));
    return db
      .select()
      .from(messages)
      .where(and(inArray(messages.id, reacted), isNull(messages.deletedAt), isNull(messages.purgedAt)))
      .orderBy(messages.groupId, messages.seq);
  },

  async deleteReactions(tx: DbOrTx, userId: string, messageId: string): Promise<void> {
    await tx
      .delete(messageReactions)
      .where(and(eq(messageReactions.userId, userId), eq(messageReactions.messageId, messageId)));
  },

  /** Earlier versions of the user's messages go with the bodies. */
  async deleteEdits(tx: DbOrTx, messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await tx.delete(messageEdits).where(inArray(messageEdits.messageId, messageIds));
  },

  /** Mention and reply notifications of other people name the sender (`by`); that name goes. */
  async forgetSenderName(tx: DbOrTx, messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await tx
      .update(notifications)
      .set({ payload: sql`${notifications.payload} || '{"by": null}'::jsonb` })
      .where(
        and(
          inArray(notifications.kind, ["mention", "reply"]),
          inArray(sql`${notifications.payload}->>'messageId'`, messageIds),
        ),
      );
  },

  async countChildren(db: DbOrTx, familyId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(children).where(eq(children.familyId, familyId));
    return Number(row?.n ?? 0);
  },

  /** Check-ins of the family, or only those the user wrote. */
  async countCheckins(db: DbOrTx, by: { familyId: string } | { userId: string }): Promise<number> {
    const where =
      "familyId" in by ? eq(stressCheckins.familyId, by.familyId) : eq(stressCheckins.userId, by.userId);
    const [row] = await db.select({ n: count() }).from(stressCheckins).where(where);
    return Number(row?.n ?? 0);
  },

  /** The user's own stress ratings (their personal data, even when the family stays). */
  async deleteCheckinsOf(tx: DbOrTx, userId: string): Promise<number> {
    const rows = await tx
      .delete(stressCheckins)
      .where(eq(stressCheckins.userId, userId))
      .returning({ id: stressCheckins.id });
    return rows.length;
  },

  /**
   * Delete the account row. The database does the rest by its foreign keys: refresh tokens,
   * notifications, memberships, reactions, mutes and bans go; references from the audit log,
   * booking history and moderation records become null.
   */
  async deleteUser(tx: DbOrTx, userId: string): Promise<void> {
    await tx.delete(users).where(eq(users.id, userId));
  },

  /**
   * Delete the family row: its children (care notes, emergency contacts), every booking with its
   * history, its stress check-ins and social-worker assignments go with it by foreign key.
   */
  async deleteFamily(tx: DbOrTx, familyId: string): Promise<void> {
    await tx.delete(families).where(eq(families.id, familyId));
  },
};
