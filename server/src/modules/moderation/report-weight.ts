import { and, eq, exists, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { groupMembers, messages, reports, users } from "../../db/schema/index.js";

/** One open report's reporter, as the auto-hide weighting sees them. */
export interface ReporterFacts {
  reporterId: string;
  familyId: string | null;
  createdAt: Date;
  postedInGroup: boolean;
}

/** Weight of a reporter who is new to the service or has never posted in the group. */
export const UNTRUSTED_REPORT_WEIGHT = 0.5;

/**
 * How much the open reports of a message count towards auto-hide (decision 087): reporters of one
 * family count once (their heaviest report); a reporter whose account is younger than `trustAgeMs`
 * or who never posted in the group counts half.
 */
export function reportWeight(rows: ReporterFacts[], now: Date, trustAgeMs: number): number {
  const byPerson = new Map<string, number>();
  for (const r of rows) {
    const trusted = r.postedInGroup && now.getTime() - r.createdAt.getTime() >= trustAgeMs;
    const w = trusted ? 1 : UNTRUSTED_REPORT_WEIGHT;
    const key = r.familyId ? `family:${r.familyId}` : `user:${r.reporterId}`;
    byPerson.set(key, Math.max(byPerson.get(key) ?? 0, w));
  }
  let total = 0;
  for (const w of byPerson.values()) total += w;
  return total;
}

/** Data access for the weighting: reporters' facts, and whether an author is exempt. */
export const reportWeightRepo = {
  /** Every member with an open report on the message, with family, account age and posting. */
  async openReporters(db: DbOrTx, messageId: string, groupId: string): Promise<ReporterFacts[]> {
    const posted = db
      .select({ one: sql`1` })
      .from(messages)
      .where(and(eq(messages.groupId, groupId), eq(messages.senderId, users.id), isNull(messages.deletedAt)));
    return db
      .selectDistinct({
        reporterId: users.id,
        familyId: users.familyId,
        createdAt: users.createdAt,
        postedInGroup: exists(posted).mapWith(Boolean),
      })
      .from(reports)
      .innerJoin(users, eq(users.id, reports.reporterId))
      .where(and(eq(reports.messageId, messageId), eq(reports.status, "open")));
  },

  /** Members' reports never hide a message by a moderator of the group, a social worker or an admin. */
  async authorIsStaff(db: DbOrTx, groupId: string, senderId: string | null): Promise<boolean> {
    if (!senderId) return false;
    const [row] = await db
      .select({ role: users.role, groupRole: groupMembers.role })
      .from(users)
      .leftJoin(groupMembers, and(eq(groupMembers.userId, users.id), eq(groupMembers.groupId, groupId)))
      .where(eq(users.id, senderId));
    if (!row) return false;
    return row.role === "social_worker" || row.role === "admin" || row.groupRole === "moderator";
  },
};
