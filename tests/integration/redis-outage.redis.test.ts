/**
 * A node whose Redis goes away keeps limiting: the per-caller request limit and the failed-login
 * count fall back to the node's own memory (decision 040) instead of letting everything through.
 * Chat keeps every message: sends are stored and acknowledged, catch-up serves them, and live
 * delivery resumes when Redis is back. Runs one server process on a fresh PostgreSQL database and
 * a private redis-server it stops and starts again.
 */
import { randomUUID } from "node:crypto";
import type { Message } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildServer, spawnServer } from "../setup/child-server.js";
import {
  ADMIN_ENV,
  api,
  apiOk,
  buildWorld,
  closeRemoteSockets,
  connectRemote,
} from "../setup/child-world.js";
import { freshDatabase } from "../setup/database.js";
import { type RedisProcess, startRedis } from "../setup/private-redis.js";
import { until } from "../setup/until.js";

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
    const reg = await api(node, "POST", "/api/auth/register", undefined, {
      email,
      password,
      displayName: name,
    });
    expect(reg.status).toBe(202);
    const res = await api(node, "POST", "/api/auth/login", undefined, { email, password });
    expect(res.status).toBe(200);
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
      ...ADMIN_ENV,
    });
  }, 60_000);

  afterAll(async () => {
    closeRemoteSockets();
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

  it("keeps every chat message while Redis is gone: stored, acknowledged, caught up, and live again once it is back", async () => {
    // The previous case left Redis stopped: bring it back at the same address first.
    const port = Number(new URL(redis.url).port);
    redis = await startRedis(port);
    const world = await buildWorld(node, 2);
    const [alice, bob] = world.families as [(typeof world.families)[0], (typeof world.families)[0]];
    const a = await connectRemote(node, alice.token);
    const b = await connectRemote(node, bob.token);
    const live: Message[] = [];
    b.on("message:new", (m: Message) => live.push(m));
    const send = (body: string) =>
      a
        .timeout(5_000)
        .emitWithAck("message:send", { groupId: world.groupId, clientId: randomUUID(), body }) as Promise<{
        ok: boolean;
        message: Message;
      }>;
    const seen = (body: string) => live.some((m) => m.body === body);

    const before = await send("停电前");
    expect(before.ok).toBe(true);
    await until(() => seen("停电前"), { timeoutMs: 10_000 });

    await redis.stop();
    // Stored and acknowledged without Redis.
    const during = await send("停电中");
    expect(during).toMatchObject({ ok: true, message: { body: "停电中", seq: before.message.seq + 1 } });
    // Catch-up needs only PostgreSQL: the member who missed it live gets it now.
    const changes = await apiOk(
      node,
      "GET",
      `/api/groups/${world.groupId}/changes?since=${before.message.changeSeq}`,
      bob.token,
      undefined,
      200,
    );
    expect((changes.messages as Message[]).map((m) => m.body)).toEqual(["停电中"]);

    redis = await startRedis(port);
    // The broadcast waiting for Redis goes out once it answers, and new sends are live again.
    await until(() => seen("停电中"), { timeoutMs: 15_000 });
    const after = await send("恢复后");
    expect(after.ok).toBe(true);
    await until(() => seen("恢复后"), { timeoutMs: 10_000 });
    expect(live.map((m) => m.body)).toEqual(["停电前", "停电中", "恢复后"]);
  }, 90_000);
});
