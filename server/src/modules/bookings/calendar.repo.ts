import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/** Data access for feed tokens (only their SHA-256 is stored in users.calendar_token). */
export const calendarRepo = {
  async userByTokenHash(db: DbOrTx, hash: string) {
    const [row] = await db.select().from(users).where(eq(users.calendarToken, hash)).limit(1);
    return row;
  },
  async setTokenHash(db: DbOrTx, userId: string, hash: string | null): Promise<void> {
    await db.update(users).set({ calendarToken: hash, updatedAt: new Date() }).where(eq(users.id, userId));
  },
};
