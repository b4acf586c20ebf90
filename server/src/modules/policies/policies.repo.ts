import type { HouseholdStatus, MessageCard, PolicyStatus } from "@carecircle/shared";
import { and, asc, eq, inArray, isNull, lte, ne, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { families, policyCards, users } from "../../db/schema/index.js";

export type PolicyCardRow = typeof policyCards.$inferSelect;
export type NewPolicyCardRow = typeof policyCards.$inferInsert;

/** A card row with its author's name (null when the author's account is gone). */
export interface PolicyCardView {
  row: PolicyCardRow;
  authorName: string | null;
}

/**
 * Search (decision 128): the card's title, summary, English text and keywords, folded by the
 * same SQL functions as message search (migration 0007, decision 113): every Han run of the query
 * as a substring, every Latin word as the start of a word, for any script variant of the query.
 * No index: a library of hundreds of cards is read in well under a millisecond per card.
 */
function matchesAny(variants: string[]): SQL {
  const haystack = sql`cc_search_fold(concat_ws(' ', ${policyCards.title}, ${policyCards.summary},
    ${policyCards.titleEn}, ${policyCards.summaryEn}, array_to_string(${policyCards.keywords}, ' ')))`;
  const one = (v: string) =>
    sql`(${haystack} like all (cc_search_likes(${v}::text)) and ${haystack} ~ all (cc_search_words(${v}::text)))`;
  return sql`(${sql.join(variants.map(one), sql` or `)})`;
}

const view = (db: DbOrTx) =>
  db
    .select({ row: policyCards, authorName: users.displayName })
    .from(policyCards)
    .leftJoin(users, eq(users.id, policyCards.authorId));

/** Data access for the policy library (the only SQL of the module). */
export const policiesRepo = {
  /** Cards of the given statuses, matching the search when given (up to `limit`). */
  async list(
    db: DbOrTx,
    statuses: readonly PolicyStatus[],
    variants: string[] | undefined,
    limit: number,
  ): Promise<PolicyCardView[]> {
    const where = [inArray(policyCards.status, [...statuses])];
    if (variants?.length) where.push(matchesAny(variants));
    return view(db)
      .where(and(...where))
      .orderBy(asc(policyCards.title))
      .limit(limit);
  },

  async byId(db: DbOrTx, id: string): Promise<PolicyCardView | undefined> {
    const [v] = await view(db).where(eq(policyCards.id, id)).limit(1);
    return v;
  },

  async insert(db: DbOrTx, row: NewPolicyCardRow): Promise<string> {
    const [r] = await db.insert(policyCards).values(row).returning({ id: policyCards.id });
    return r!.id;
  },

  /** Change a card; a new review-by day clears the reminder sent for the old one. */
  async update(db: DbOrTx, id: string, patch: Partial<NewPolicyCardRow>): Promise<boolean> {
    const rearm = patch.reviewBy
      ? {
          reviewNotifiedAt: sql`case when ${policyCards.reviewBy} = ${patch.reviewBy}::date then ${policyCards.reviewNotifiedAt} end`,
        }
      : {};
    const done = await db
      .update(policyCards)
      .set({ ...patch, ...rearm, updatedAt: new Date() } as Partial<NewPolicyCardRow>)
      .where(eq(policyCards.id, id))
      .returning({ id: policyCards.id });
    return done.length > 0;
  },

  /** What a chat message carries of a published card, or undefined (decision 129). */
  async snapshot(db: DbOrTx, id: string): Promise<MessageCard | undefined> {
    const [r] = await db
      .select({
        id: policyCards.id,
        title: policyCards.title,
        summary: policyCards.summary,
        deadline: policyCards.deadline,
      })
      .from(policyCards)
      .where(and(eq(policyCards.id, id), eq(policyCards.status, "published")))
      .limit(1);
    return r;
  },

  /**
   * Lock up to `limit` cards past their review-by day whose reminder is not sent, that no other
   * node holds (`FOR UPDATE SKIP LOCKED`); archived cards are never reviewed.
   */
  async lockOverdue(db: DbOrTx, today: string, limit: number) {
    return db
      .select({ id: policyCards.id, reviewBy: policyCards.reviewBy, authorId: policyCards.authorId })
      .from(policyCards)
      .where(
        and(
          isNull(policyCards.reviewNotifiedAt),
          ne(policyCards.status, "archived"),
          lte(policyCards.reviewBy, today),
        ),
      )
      .orderBy(asc(policyCards.reviewBy))
      .limit(limit)
      .for("update", { skipLocked: true });
  },

  async markNotified(db: DbOrTx, id: string, now: Date): Promise<void> {
    await db.update(policyCards).set({ reviewNotifiedAt: now }).where(eq(policyCards.id, id));
  },

  /**
   * Those of `ids` whose accounts are active and still keep the library (the author may have
   * left or changed role); with no ids, every active social worker.
   */
  async activeLibrarians(db: DbOrTx, ids: string[]): Promise<string[]> {
    const active = and(eq(users.status, "active"), inArray(users.role, ["social_worker", "admin"]));
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(ids.length ? and(active, inArray(users.id, ids)) : and(active, eq(users.role, "social_worker")));
    return rows.map((r) => r.id);
  },

  async householdOf(db: DbOrTx, familyId: string): Promise<HouseholdStatus | null> {
    const [r] = await db
      .select({ s: families.householdStatus })
      .from(families)
      .where(eq(families.id, familyId));
    return r?.s ?? null;
  },

  async setHousehold(db: DbOrTx, familyId: string, status: HouseholdStatus | null): Promise<void> {
    await db.update(families).set({ householdStatus: status }).where(eq(families.id, familyId));
  },
};
