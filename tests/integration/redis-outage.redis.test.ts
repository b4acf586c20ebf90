/**
 * A node whose Redis goes away keeps limiting: the per-caller request limit and the failed-login
 * count fall back to the node's own memory (decision 040) instead of letting everything through.
 * Runs one server process on a fresh PostgreSQL database and a private redis-server it stops.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildServer, spawnServer } from "../setup/child-server.js";
import { api } from "../setup/child-world.js";
import { freshDatabase } from "../setup/database.js";
import { type RedisProcess, startRedis } from "../setup/private-redis.js";

// tests/vitest.config.ts includes this file only when REDIS_URL and DATABASE_URL are both set
// (the CI pass that has redis-server installed); it starts a Redis of its own.
if (!process.env.DATABASE_URL) throw new Error("the Redis outage test needs DATABASE_URL");

describe("a node whose Redis stops answering", () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let redis: RedisProcess;
  let node: ChildServer;

  async function register(name: string) {
    const email = `${name}-${randomUUID().slice(0, 6)}@outage.test`;
    const password = "outage-password-1";
    const res = await api(node, "POST", "/api/auth/register", undefined, {
      email,
      password,
      displayName: name,
    });
    expect(res.status).toBe(201);
    return { email, password, token: res.body.token as string };
  }

  /** 30 requests at once by one caller: how many got through before the limit. */
  async function burst(token: string): Promise<{ ok: number; limited: number }> {
    const answers = await Promise.all(Array.from({ length: 30 }, () => api(node, "GET", "/api/me", token)));
    return {
      ok: answers.filter((a) => a.status === 200).length,
      limited: answers.filter((a) => a.status === 429).length,
    };
  }

  beforeAll(async () => {
    db = await freshDatabase();
    redis = await startRedis();
    node = await spawnServer({
      DATABASE_URL: db.url!,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `cc-outage-${randomUUID().slice(0, 8)}`,
      JWT_SECRET: "redis-outage-secret-redis-outage-secret-0123",
      // A burst of 20 requests per caller.
      RATE_LIMIT_PER_MINUTE: "60",
    });
  }, 60_000);

  afterAll(async () => {
    node?.kill("SIGTERM");
    await node?.exited;
    await redis?.stop();
    await db?.close();
  });

  it("limits requests and counts failed logins on its own memory while Redis is gone", async () => {
    const before = await register("before");
    const during = await register("during");
    // With Redis: one bucket of 20 per caller.
    expect(await burst(before.token)).toEqual({ ok: 20, limited: 10 });

    await redis.stop();
    // Without Redis: still one bucket of 20 per caller, now this node's own.
    expect(await burst(during.token)).toEqual({ ok: 20, limited: 10 });

    // Failed logins are still counted: five wrong passwords, then even the right one must wait.
    for (let i = 0; i < 5; i++) {
      const res = await api(node, "POST", "/api/auth/login", undefined, {
        email: during.email,
        password: "wrong-password-123",
      });
      expect(res.status).toBe(401);
    }
    const locked = await api(node, "POST", "/api/auth/login", undefined, {
      email: during.email,
      password: during.password,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: "RATE_LIMITED" });

    // The node itself stays up and answers.
    expect((await api(node, "GET", "/healthz")).status).toBe(200);
  }, 60_000);
});
