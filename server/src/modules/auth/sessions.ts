import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/**
 * Bump the account's token version inside the caller's transaction: every access token signed
 * before stops working on the next request or socket event (decision 082). The caller closes the
 * user's sockets after commit (`realtime.disconnectUser`).
 */
export async function bumpTokenVersion(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(eq(users.id, userId));
}
