import { randomInt } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { families, familySocialWorkers, users } from "../../db/schema/index.js";

export type FamilyRow = typeof families.$inferSelect;

// No 0/O or 1/I: codes are read aloud and typed by grandparents on phones.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A fresh 8-character invite code. */
export function newInviteCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Data access for families and social-worker assignments. */
export const familiesRepo = {
  async insert(db: DbOrTx): Promise<FamilyRow> {
    const [row] = await db.insert(families).values({ inviteCode: newInviteCode() }).returning();
    return row!;
  },
  async byId(db: DbOrTx, id: string): Promise<FamilyRow | undefined> {
    const [row] = await db.select().from(families).where(eq(families.id, id)).limit(1);
    return row;
  },
  async byInviteCode(db: DbOrTx, code: string): Promise<FamilyRow | undefined> {
    const [row] = await db.select().from(families).where(eq(families.inviteCode, code)).limit(1);
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
