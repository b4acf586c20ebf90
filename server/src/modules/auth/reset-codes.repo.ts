import { and, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/** The only SQL of password reset codes (columns of `users`, decision 109). */
export const resetCodesRepo = {
  /** Store a new code's hash; any earlier code of the user stops working. */
  async store(db: DbOrTx, userId: string, hash: string, expiresAt: Date): Promise<void> {
    await db
      .update(users)
      .set({ resetCodeHash: hash, resetCodeExpiresAt: expiresAt, resetCodeFailures: 0 })
      .where(eq(users.id, userId));
  },

  /** Drop the user's code, if any (she changed her password herself: a code she did not ask for dies). */
  async drop(db: DbOrTx, userId: string): Promise<void> {
    await db
      .update(users)
      .set({ resetCodeHash: null, resetCodeExpiresAt: null, resetCodeFailures: 0 })
      .where(eq(users.id, userId));
  },

  /** Count one wrong try of the user's code; the `max`-th drops the code. */
  async failed(db: DbOrTx, userId: string, max: number): Promise<void> {
    await db
      .update(users)
      .set({
        resetCodeFailures: sql`${users.resetCodeFailures} + 1`,
        resetCodeHash: sql`CASE WHEN ${users.resetCodeFailures} + 1 >= ${max} THEN NULL ELSE ${users.resetCodeHash} END`,
      })
      .where(eq(users.id, userId));
  },

  /**
   * Use the code `hash` once: set the new password and drop the code, if that code is still the
   * user's live one. Answers false when another request used it first or it expired meanwhile.
   */
  async consume(db: DbOrTx, userId: string, hash: string, passwordHash: string): Promise<boolean> {
    const rows = await db
      .update(users)
      .set({
        passwordHash,
        resetCodeHash: null,
        resetCodeExpiresAt: null,
        resetCodeFailures: 0,
        updatedAt: new Date(),
      })
      .where(
        and(eq(users.id, userId), eq(users.resetCodeHash, hash), gt(users.resetCodeExpiresAt, new Date())),
      )
      .returning({ id: users.id });
    return rows.length === 1;
  },
};
