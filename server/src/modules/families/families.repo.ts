import { randomInt } from "node:crypto";
import { and, count, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  children,
  families,
  familySocialWorkers,
  groupMembers,
  groups,
  users,
} from "../../db/schema/index.js";

export type FamilyRow = typeof families.$inferSelect;

// No 0/O or 1/I: codes are read aloud and typed by grandparents on phones.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A fresh 8-character invite code. */
export function newInviteCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** How long a new code works unless configured (FAMILY_INVITE_DAYS). */
export const DEFAULT_INVITE_DAYS = 7;

function freshInvite(inviteDays: number) {
  return { inviteCode: newInviteCode(), inviteExpiresAt: new Date(Date.now() + inviteDays * 86_400_000) };
}

/** Data access for families and social-worker assignments. */
export const familiesRepo = {
  /** A new family with an open invite code valid for `inviteDays`. */
  async insert(db: DbOrTx, inviteDays: number): Promise<FamilyRow> {
    const [row] = await db.insert(families).values(freshInvite(inviteDays)).returning();
    return row!;
  },
  /** Replace the family's invite code (the old one stops working). */
  async renewInvite(db: DbOrTx, familyId: string, inviteDays: number): Promise<FamilyRow> {
    const [row] = await db
      .update(families)
      .set(freshInvite(inviteDays))
      .where(eq(families.id, familyId))
      .returning();
    return row!;
  },
  /** Use up an open, unexpired code: answers its family, and the code never works again. */
  async consumeInvite(db: DbOrTx, code: string, now = new Date()): Promise<FamilyRow | undefined> {
    const [row] = await db
      .update(families)
      .set({ inviteCode: null, inviteExpiresAt: null })
      .where(and(eq(families.inviteCode, code), gt(families.inviteExpiresAt, now)))
      .returning();
    return row;
  },
  /** Lock the family row for the rest of the transaction (membership changes). */
  async lock(db: DbOrTx, familyId: string): Promise<void> {
    await db.execute(sql`select id from ${families} where id = ${familyId}::uuid for update`);
  },
  /** Caregivers of the family other than `exceptUserId`, and its children, counted. */
  async occupants(db: DbOrTx, familyId: string, exceptUserId: string) {
    const [cg] = await db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.familyId, familyId), eq(users.role, "caregiver"), ne(users.id, exceptUserId)));
    const [ch] = await db.select({ n: count() }).from(children).where(eq(children.familyId, familyId));
    return { caregivers: Number(cg?.n ?? 0), children: Number(ch?.n ?? 0) };
  },
  async remove(db: DbOrTx, familyId: string): Promise<void> {
    await db.delete(families).where(eq(families.id, familyId));
  },
  /** Move a caregiver to another family. */
  async moveCaregiver(db: DbOrTx, userId: string, familyId: string): Promise<void> {
    await db.update(users).set({ familyId }).where(eq(users.id, userId));
  },
  /** Drop a caregiver from the family's private conversations; answers the group ids. */
  async leaveConversations(db: DbOrTx, familyId: string, userId: string): Promise<string[]> {
    const direct = await db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.familyId, familyId), eq(groups.kind, "direct")));
    const ids = direct.map((g) => g.id);
    if (ids.length > 0)
      await db
        .delete(groupMembers)
        .where(and(inArray(groupMembers.groupId, ids), eq(groupMembers.userId, userId)));
    return ids;
  },
  async byId(db: DbOrTx, id: string): Promise<FamilyRow | undefined> {
    const [row] = await db.select().from(families).where(eq(families.id, id)).limit(1);
    return row;
  },
  async listAll(db: DbOrTx, limit = 500): Promise<FamilyRow[]> {
    return db.select().from(families).orderBy(families.createdAt).limit(limit);
  },
  async listAssigned(db: DbOrTx, socialWorkerId: string): Promise<FamilyRow[]> {
    return db
      .select({ f: families })
      .from(families)
      .innerJoin(familySocialWorkers, eq(familySocialWorkers.familyId, families.id))
      .where(eq(familySocialWorkers.socialWorkerId, socialWorkerId))
      .orderBy(families.createdAt)
      .then((rows) => rows.map((r) => r.f));
  },
  async isAssigned(db: DbOrTx, familyId: string, socialWorkerId: string): Promise<boolean> {
    const [row] = await db
      .select({ familyId: familySocialWorkers.familyId })
      .from(familySocialWorkers)
      .where(
        and(
          eq(familySocialWorkers.familyId, familyId),
          eq(familySocialWorkers.socialWorkerId, socialWorkerId),
        ),
      )
      .limit(1);
    return !!row;
  },
  async assign(db: DbOrTx, familyId: string, socialWorkerId: string): Promise<void> {
    await db.insert(familySocialWorkers).values({ familyId, socialWorkerId }).onConflictDoNothing();
  },
  /** Caregivers and social workers of the given families, for presenting them. */
  async people(db: DbOrTx, familyIds: string[]) {
    if (familyIds.length === 0) return { caregivers: [], socialWorkers: [] };
    const caregivers = await db
      .select({ id: users.id, displayName: users.displayName, familyId: users.familyId })
      .from(users)
      .where(and(inArray(users.familyId, familyIds), eq(users.role, "caregiver")));
    const socialWorkers = await db
      .select({ id: users.id, displayName: users.displayName, familyId: familySocialWorkers.familyId })
      .from(familySocialWorkers)
      .innerJoin(users, eq(users.id, familySocialWorkers.socialWorkerId))
      .where(inArray(familySocialWorkers.familyId, familyIds));
    return { caregivers, socialWorkers };
  },
};
