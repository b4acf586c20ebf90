import { createHash, randomBytes } from "node:crypto";
import { TOKEN_TTL } from "@carecircle/shared";
import { and, eq, gt, isNull } from "drizzle-orm";
import jwt from "jsonwebtoken";
import type { DbOrTx } from "../../db/client.js";
import { refreshTokens } from "../../db/schema/index.js";
import { hmacKey } from "../../lib/hmac-key.js";

/**
 * Sign a short-lived HS256 access token for `userId`, stamped with the account's token version:
 * bumping the version (logout, password change, disable, sign out everywhere) ends it at once.
 */
export function signAccessToken(userId: string, role: string, secret: string, version = 0): string {
  return jwt.sign({ typ: "access", role, ver: version }, hmacKey(secret), {
    algorithm: "HS256",
    subject: userId,
    expiresIn: TOKEN_TTL.accessSeconds,
  });
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Refresh tokens are random; only their hash is stored. */
export const refreshTokensRepo = {
  async issue(db: DbOrTx, userId: string): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await db.insert(refreshTokens).values({
      userId,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + TOKEN_TTL.refreshSeconds * 1000),
    });
    return token;
  },

  /**
   * Use a refresh token exactly once: it is revoked atomically and its user returned. A token
   * that was already used means it leaked, so every token of that user is revoked.
   */
  async consume(db: DbOrTx, token: string): Promise<string | undefined> {
    const hash = sha256(token);
    const [used] = await db
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(refreshTokens.tokenHash, hash),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: refreshTokens.userId });
    if (used) return used.userId;
    const [reused] = await db
      .select({ userId: refreshTokens.userId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hash))
      .limit(1);
    if (reused) await this.revokeAll(db, reused.userId);
    return undefined;
  },

  /** Revoke one refresh token (logout); answers its user when it was still live. */
  async revoke(db: DbOrTx, token: string): Promise<string | undefined> {
    const [row] = await db
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.tokenHash, sha256(token)), isNull(refreshTokens.revokedAt)))
      .returning({ userId: refreshTokens.userId });
    return row?.userId;
  },

  async revokeAll(db: DbOrTx, userId: string): Promise<void> {
    await db
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  },
};
