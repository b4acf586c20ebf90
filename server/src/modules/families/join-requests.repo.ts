import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { familyJoinRequests, users } from "../../db/schema/index.js";

export type JoinRequestRow = typeof familyJoinRequests.$inferSelect;
type Decided = "approved" | "declined" | "cancelled";

/** Data access for requests to join a family (decision 080). */
export const joinRequestsRepo = {
  async insert(db: DbOrTx, familyId: string, requesterId: string): Promise<JoinRequestRow> {
    const [row] = await db.insert(familyJoinRequests).values({ familyId, requesterId }).returning();
    return row!;
  },
  async byId(db: DbOrTx, id: string): Promise<JoinRequestRow | undefined> {
    const [row] = await db.select().from(familyJoinRequests).where(eq(familyJoinRequests.id, id)).limit(1);
    return row;
  },
  /** The requester's waiting request, if any (at most one, by a unique index). */
  async pendingOf(db: DbOrTx, requesterId: string): Promise<JoinRequestRow | undefined> {
    const [row] = await db
      .select()
      .from(familyJoinRequests)
      .where(and(eq(familyJoinRequests.requesterId, requesterId), eq(familyJoinRequests.status, "pending")))
      .limit(1);
    return row;
  },
  /** Waiting requests to the given families, with the requesters' display names, oldest first. */
  async pendingFor(db: DbOrTx, familyIds: string[]) {
    if (familyIds.length === 0) return [];
    return db
      .select({
        id: familyJoinRequests.id,
        familyId: familyJoinRequests.familyId,
        requesterId: familyJoinRequests.requesterId,
        displayName: users.displayName,
        createdAt: familyJoinRequests.createdAt,
      })
      .from(familyJoinRequests)
      .innerJoin(users, eq(users.id, familyJoinRequests.requesterId))
      .where(and(inArray(familyJoinRequests.familyId, familyIds), eq(familyJoinRequests.status, "pending")))
      .orderBy(asc(familyJoinRequests.createdAt), asc(familyJoinRequests.id));
  },
  /** Close a waiting request; answers it only if it was still waiting (first decision wins). */
  async close(db: DbOrTx, id: string, status: Decided, by: string): Promise<JoinRequestRow | undefined> {
    const [row] = await db
      .update(familyJoinRequests)
      .set({ status, decidedBy: by, decidedAt: new Date() })
      .where(and(eq(familyJoinRequests.id, id), eq(familyJoinRequests.status, "pending")))
      .returning();
    return row;
  },
};
