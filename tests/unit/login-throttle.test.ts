import { describe, expect, it } from "vitest";
import { LoginThrottle } from "../../server/src/modules/auth/login-throttle.js";

const opts = { windowMs: 60_000, perPair: 3, perAddress: 5, perAccount: 4, slowMs: 2_000 };
const code = async (fn: () => Promise<void>) => {
  try {
    await fn();
    return "ok";
  } catch (err) {
    return (err as { code: string; details: { retryAfterSeconds: number } }).code;
  }
};

describe("login throttle", () => {
  it("limits an address+account pair after a few failures, until the window ends", async () => {
    const t = new LoginThrottle(opts);
    for (let i = 0; i < 3; i++) {
      expect(await code(() => t.check("a@x", "1.1.1.1", 1000))).toBe("ok");
      await t.failed("a@x", "1.1.1.1", 1000);
    }
    expect(await code(() => t.check("a@x", "1.1.1.1", 1000))).toBe("RATE_LIMITED");
    expect(await code(() => t.check("a@x", "2.2.2.2", 1000))).toBe("ok");
    expect(await code(() => t.check("a@x", "1.1.1.1", 61_001))).toBe("ok");
  });

  it("limits one address guessing many accounts", async () => {
    const t = new LoginThrottle(opts);
    for (let i = 0; i < 5; i++) await t.failed(`u${i}@x`, "9.9.9.9", 0);
    expect(await code(() => t.check("fresh@x", "9.9.9.9", 10))).toBe("RATE_LIMITED");
    expect(await code(() => t.check("fresh@x", "8.8.8.8", 10))).toBe("ok");
  });

  it("only slows an account attacked from many addresses, never locks its owner out", async () => {
    const t = new LoginThrottle(opts);
    for (let i = 0; i < 4; i++) await t.failed("victim@x", `10.0.0.${i}`, 0);
    // The real owner, from a fresh address, waits at most slowMs, then may try once per slowMs.
    let retryAfter = 0;
    try {
      await t.check("victim@x", "192.168.1.5", 100);
    } catch (err) {
      retryAfter = (err as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
    }
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(await code(() => t.check("victim@x", "192.168.1.5", 2_000))).toBe("ok");
    expect(await code(() => t.check("victim@x", "192.168.1.5", 2_500))).toBe("RATE_LIMITED");
    expect(await code(() => t.check("victim@x", "192.168.1.5", 4_000))).toBe("ok");
  });
});
