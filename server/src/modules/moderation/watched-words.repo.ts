import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { platformSettings, watchedWords } from "../../db/schema/index.js";

export type WatchedWordRow = typeof watchedWords.$inferSelect;

/** Data access for watched words and the one-time starter list marker. */
export const watchedWordsRepo = {
  async all(db: DbOrTx): Promise<WatchedWordRow[]> {
    return db
      .select()
      .from(watchedWords)
      .orderBy(asc(watchedWords.action), asc(watchedWords.phrase))
      .limit(5000);
  },
  async byId(db: DbOrTx, id: string): Promise<WatchedWordRow | undefined> {
    const [row] = await db.select().from(watchedWords).where(eq(watchedWords.id, id)).limit(1);
    return row;
  },
  async insert(db: DbOrTx, row: typeof watchedWords.$inferInsert): Promise<WatchedWordRow> {
    const [created] = await db.insert(watchedWords).values(row).returning();
    return created!;
  },
  async update(db: DbOrTx, id: string, patch: Partial<typeof watchedWords.$inferInsert>) {
    const [row] = await db
      .update(watchedWords)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(watchedWords.id, id))
      .returning();
    return row;
  },
  async delete(db: DbOrTx, id: string): Promise<WatchedWordRow | undefined> {
    const [row] = await db.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
    return row;
  },
  /** Claim a one-time setup step by key; true only for the first caller ever. */
  async claimOnce(db: DbOrTx, key: string): Promise<boolean> {
    const rows = await db
      .insert(platformSettings)
      .values({ key, value: sql`jsonb_build_object('at', now())` })
      .onConflictDoNothing()
      .returning({ key: platformSettings.key });
    return rows.length > 0;
  },
};
