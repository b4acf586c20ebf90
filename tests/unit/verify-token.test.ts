import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { verifyAccessToken } from "../../server/src/middlewares/auth.js";

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

  it("stops answering from the memo once the token expires", async () => {
    const token = sign(A, 1);
    expect(verifyAccessToken(token, A)).toBe("user-1");
    await new Promise((r) => setTimeout(r, 1100));
    expect(() => verifyAccessToken(token, A)).toThrow(/expired/);
  });
});
