import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { groupMembers } from "../../db/schema/index.js";

/** How many plain members have read up to each last-read seq (one row per distinct seq). */
export interface ReadMark {
  lastReadSeq: number;
  members: number;
}

/** The only SQL of announcement read counts: no user ids leave the database. */
export const readCountsRepo = {
  /** Members (not moderators) of a group grouped by their last-read seq. */
  async readMarks(db: DbOrTx, groupId: string): Promise<ReadMark[]> {
    const rows = await db
      .select({ lastReadSeq: groupMembers.lastReadSeq, members: count() })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "member")))
      .groupBy(groupMembers.lastReadSeq);
    return rows.map((r) => ({ lastReadSeq: Number(r.lastReadSeq), members: Number(r.members) }));
  },
};

/** For each seq, the members whose last-read seq reached it. */
export function countReaders(marks: ReadMark[], seqs: number[]) {
  return seqs.map((seq) => ({
    seq,
    readCount: marks.reduce((n, m) => (m.lastReadSeq >= seq ? n + m.members : n), 0),
  }));
}
