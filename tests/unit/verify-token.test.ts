import jwt from "jsonwebtoken";
import { describe, expect, it, vi } from "vitest";
import { accessTokenClaims, verifyAccessToken } from "../../server/src/modules/auth/access-token.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const sign = (secret: string, expiresIn: number) =>
  jwt.sign({ typ: "access" }, secret, { subject: "user-1", expiresIn, algorithm: "HS256" });

describe("access token verification memo", () => {
  it("answers a verified token again, but never under another secret or for a tampered copy", () => {
    const token = sign(A, 60);
    expect(verifyAccessToken(token, A)).toBe("user-1");
    expect(verifyAccessToken(token, A)).toBe("user-1");
    expect(() => verifyAccessToken(token, B)).toThrow(/Invalid token/);
    expect(() => verifyAccessToken(`${token}x`, A)).toThrow(/Invalid token/);
  });

  it("stops answering from the memo once the token expires", () => {
    const token = sign(A, 1);
    expect(verifyAccessToken(token, A)).toBe("user-1");
    // Move the clock past the expiry instead of waiting for it (only Date: timers stay real).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 1100 });
    try {
      expect(() => verifyAccessToken(token, A)).toThrow(/expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers the token version (0 for a token signed before versions existed) from the memo too", () => {
    const versioned = jwt.sign({ typ: "access", ver: 3 }, A, {
      subject: "user-2",
      expiresIn: 60,
      algorithm: "HS256",
    });
    expect(accessTokenClaims(versioned, A)).toMatchObject({ sub: "user-2", ver: 3 });
    expect(accessTokenClaims(versioned, A)).toMatchObject({ sub: "user-2", ver: 3 });
    expect(accessTokenClaims(sign(A, 60), A).ver).toBe(0);
  });
});
