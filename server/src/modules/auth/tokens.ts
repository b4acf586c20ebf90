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

/** One sign-in: every refresh token rotated from the same login shares it. */
export interface TokenFamily {
  id: string;
  startedAt: Date;
}

type RevokedReason = "rotated" | "logout" | "revoked" | "reuse";

/** Refresh tokens are random; only their hash is stored. */
export const refreshTokensRepo = {
  /**
   * A new refresh token for `userId`: a new family (login), or the successor within `family`.
   * It never outlives the family's absolute end (`maxSessionMs` after its start).
   */
  async issue(db: DbOrTx, userId: string, maxSessionMs: number, family?: TokenFamily): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    const now = Date.now();
    const startedAt = family?.startedAt ?? new Date(now);
    const end = Math.min(now + TOKEN_TTL.refreshSeconds * 1000, startedAt.getTime() + maxSessionMs);
    await db.insert(refreshTokens).values({
      userId,
      tokenHash: sha256(token),
      ...(family ? { familyId: family.id } : {}),
      familyStartedAt: startedAt,
      expiresAt: new Date(end),
    });
    return token;
  },

  /**
   * Use a refresh token exactly once (within its sign-in's `maxSessionMs`): it is revoked
   * atomically and its user and family returned.
   * Reuse of a token that was already rotated means it leaked, so its whole family is revoked;
   * a token ended by logout (or revoked otherwise) is only refused, so replaying an old
   * logged-out token cannot sign the user out elsewhere.
   */
  async consume(
    db: DbOrTx,
    token: string,
    maxSessionMs: number,
  ): Promise<{ userId: string; family: TokenFamily } | undefined> {
    const hash = sha256(token);
    const [used] = await db
      .update(refreshTokens)
      .set({ revokedAt: new Date(), revokedReason: "rotated" })
      .where(
        and(
          eq(refreshTokens.tokenHash, hash),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, new Date()),
          // The absolute end of the sign-in, whatever the token's own expiry says.
          gt(refreshTokens.familyStartedAt, new Date(Date.now() - maxSessionMs)),
        ),
      )
      .returning({
        userId: refreshTokens.userId,
        familyId: refreshTokens.familyId,
        startedAt: refreshTokens.familyStartedAt,
      });
    if (used) return { userId: used.userId, family: { id: used.familyId, startedAt: used.startedAt } };
    const [reused] = await db
      .select({ familyId: refreshTokens.familyId, reason: refreshTokens.revokedReason })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hash))
      .limit(1);
    if (reused?.reason === "rotated") await this.revokeFamily(db, reused.familyId);
    return undefined;
  },

  /** Logout: end this token only; answers its user when it was still live. */
  async revoke(db: DbOrTx, token: string): Promise<string | undefined> {
    const [row] = await db
      .update(refreshTokens)
      .set({ revokedAt: new Date(), revokedReason: "logout" })
      .where(and(eq(refreshTokens.tokenHash, sha256(token)), isNull(refreshTokens.revokedAt)))
      .returning({ userId: refreshTokens.userId });
    return row?.userId;
  },

  /** Revoke every live token of one sign-in (reuse of a rotated token was detected). */
  async revokeFamily(db: DbOrTx, familyId: string): Promise<void> {
    await this.revokeWhere(db, eq(refreshTokens.familyId, familyId), "reuse");
  },

  /** Revoke every live token of the user (password change, sign out everywhere). */
  async revokeAll(db: DbOrTx, userId: string): Promise<void> {
    await this.revokeWhere(db, eq(refreshTokens.userId, userId), "revoked");
  },

  async revokeWhere(db: DbOrTx, where: ReturnType<typeof eq>, reason: RevokedReason): Promise<void> {
    await db
      .update(refreshTokens)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(where, isNull(refreshTokens.revokedAt)));
  },
};
