/**
 * Issue 14 #1 across nodes: wrong family invite codes count on both nodes together (Redis), so
 * guessing cannot be spread over the nodes behind a load balancer.
 * Needs DATABASE_URL (a PostgreSQL server) and REDIS_URL (a running Redis), as scale-out does.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildServer, spawnServer } from "../setup/child-server.js";
import { freshDatabase } from "../setup/database.js";

const redisUrl = process.env.REDIS_URL;
const databaseUrl = process.env.DATABASE_URL;

describe.skipIf(!redisUrl || !databaseUrl)("wrong invite codes on two nodes", () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ChildServer;
  let b: ChildServer;

  beforeAll(async () => {
    db = await freshDatabase();
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: redisUrl!,
      REDIS_PREFIX: `cc-test-${randomUUID().slice(0, 8)}`,
      JWT_SECRET: "family-join-secret-family-join-secret-0123",
      TRUST_PROXY: "true",
    };
    a = await spawnServer(shared);
    b = await spawnServer(shared);
  }, 60_000);

  afterAll(async () => {
    a?.kill("SIGTERM");
    b?.kill("SIGTERM");
    await Promise.all([a?.exited, b?.exited]);
    await db?.close();
  }, 30_000);

  const post = async (node: ChildServer, path: string, from: string, body: Record<string, unknown>) => {
    const res = await fetch(`${node.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const password = "correct-horse-battery-9";
  const register = (
    node: ChildServer,
    from: string,
    inviteCode?: string,
    email = `n-${randomUUID().slice(0, 8)}@scale.test`,
  ) =>
    post(node, "/api/auth/register", from, {
      email,
      password,
      displayName: "节点测试",
      ...(inviteCode ? { inviteCode } : {}),
    });

  it("ten wrong codes from one IPv6 /64, spread over both nodes, close that network on both", async () => {
    for (let i = 1; i <= 10; i++) {
      const node = i % 2 ? a : b;
      expect((await register(node, `2001:db8:99:1::${i}`, "ZZZZZZZZ")).status).toBe(400);
    }
    const ownerEmail = `owner-${randomUUID().slice(0, 8)}@scale.test`;
    expect((await register(a, "192.0.2.10", undefined, ownerEmail)).status).toBe(202);
    const owner = await post(a, "/api/auth/login", "192.0.2.10", { email: ownerEmail, password });
    expect(owner.status).toBe(200);
    const code = await fetch(`${b.url}/api/family/invite-code`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.body.token as string}` },
    }).then((r) => r.json() as Promise<{ inviteCode: string }>);
    for (const node of [a, b])
      expect((await register(node, "2001:db8:99:1::ff", code.inviteCode)).status).toBe(429);
    expect((await register(b, "2001:db8:99:2::1", code.inviteCode)).status).toBe(202);
  });
});
