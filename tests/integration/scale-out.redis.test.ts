/**
 * Scale-out: two server processes on one PostgreSQL database and one Redis act as one server.
 * Needs DATABASE_URL (a PostgreSQL server) and REDIS_URL (a running Redis); skipped otherwise.
 * Starts nothing global: it uses a fresh database and its own Redis key prefix.
 */
import { randomUUID } from "node:crypto";
import type { Message, Presence } from "@carecircle/shared";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientSocket, roundTrip } from "../factories/index.js";
import { type ChildServer, spawnServer } from "../setup/child-server.js";
import { type Answer, api } from "../setup/child-world.js";
import { freshDatabase } from "../setup/database.js";
import { pause, until } from "../setup/until.js";

const redisUrl = process.env.REDIS_URL;
const databaseUrl = process.env.DATABASE_URL;

const sockets: Socket[] = [];

function connect(node: ChildServer, token: string): Promise<Socket> {
  const socket = io(node.url, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

type SendAck = { ok: true; message: Message } | { ok: false; error: { code: string } };

function send(socket: Socket, groupId: string, body: string): Promise<SendAck> {
  return socket.timeout(5000).emitWithAck("message:send", { groupId, clientId: randomUUID(), body });
}

async function presenceOf(socket: Socket, groupId: string): Promise<Presence> {
  const ack = (await socket.timeout(5000).emitWithAck("group:presence", { groupId })) as {
    ok: boolean;
    presence: Presence;
  };
  expect(ack.ok).toBe(true);
  return ack.presence;
}

function received(socket: Socket): Message[] {
  const out: Message[] = [];
  socket.on("message:new", (m: Message) => out.push(m));
  return out;
}

// tests/vitest.config.ts includes this file only when REDIS_URL and DATABASE_URL are both set.
if (!redisUrl || !databaseUrl) throw new Error("scale-out tests need REDIS_URL and DATABASE_URL");

describe("two nodes on one PostgreSQL and one Redis", () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ChildServer;
  let b: ChildServer;
  let moderator: string;
  let groupId: string;
  const people: Record<string, { id: string; token: string }> = {};

  async function register(name: string): Promise<void> {
    const email = `${name}-${randomUUID().slice(0, 6)}@scale.test`;
    const password = "scale-out-password-1";
    expect(
      (await api(a, "POST", "/api/auth/register", undefined, { email, password, displayName: name })).status,
    ).toBe(202);
    const res = await api(a, "POST", "/api/auth/login", undefined, { email, password });
    expect(res.status).toBe(200);
    const user = res.body.user as { id: string };
    people[name] = { id: user.id, token: res.body.token as string };
    expect((await api(b, "POST", `/api/groups/${groupId}/join`, people[name]!.token)).status).toBe(200);
  }

  beforeAll(async () => {
    db = await freshDatabase();
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: redisUrl!,
      REDIS_PREFIX: `cc-test-${randomUUID().slice(0, 8)}`,
      JWT_SECRET: "scale-out-secret-scale-out-secret-0123456789",
      // A burst of 20 requests per caller (1 per second after that), shared by both nodes.
      RATE_LIMIT_PER_MINUTE: "60",
    };
    // One node creates the first admin; the other starts after it, as in a rolling start.
    a = await spawnServer({
      ...shared,
      ADMIN_EMAIL: "admin@scale.test",
      ADMIN_PASSWORD: "scale-out-admin-pw",
    });
    b = await spawnServer(shared);
    const admin = await api(a, "POST", "/api/auth/login", undefined, {
      email: "admin@scale.test",
      password: "scale-out-admin-pw",
    });
    expect(admin.status).toBe(200);
    people.admin = { id: (admin.body.user as { id: string }).id, token: admin.body.token as string };
    const sw = await api(a, "POST", "/api/admin/users", people.admin.token, {
      email: "worker@scale.test",
      password: "scale-out-worker-pw",
      displayName: "Worker",
      role: "social_worker",
    });
    expect(sw.status).toBe(201);
    const login = await api(b, "POST", "/api/auth/login", undefined, {
      email: "worker@scale.test",
      password: "scale-out-worker-pw",
    });
    moderator = login.body.token as string;
    const group = await api(b, "POST", "/api/groups", moderator, {
      name: "Scale-out group",
      topic: "autism",
    });
    expect(group.status).toBe(201);
    groupId = (group.body as { id: string }).id;
    for (const name of ["alice", "bob", "carol", "dave"]) await register(name);
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    a?.kill("SIGTERM");
    b?.kill("SIGTERM");
    await Promise.all([a?.exited, b?.exited]);
    await db?.close();
  }, 30_000);

  it("members on different nodes exchange messages live, in the same order", async () => {
    const alice = await connect(a, people.alice!.token);
    const bob = await connect(b, people.bob!.token);
    const atAlice = received(alice);
    const atBob = received(bob);
    for (let i = 1; i <= 3; i++) {
      expect((await send(alice, groupId, `from A ${i}`)).ok).toBe(true);
      expect((await send(bob, groupId, `from B ${i}`)).ok).toBe(true);
    }
    await until(() => atAlice.length === 6 && atBob.length === 6);
    const view = (ms: Message[]) => ms.map((m) => `${m.seq}:${m.body}`);
    expect(view(atAlice)).toEqual(view(atBob));
    expect(atAlice.map((m) => m.body)).toEqual([
      "from A 1",
      "from B 1",
      "from A 2",
      "from B 2",
      "from A 3",
      "from B 3",
    ]);
    expect(atAlice.map((m) => m.seq)).toEqual([...atAlice.map((m) => m.seq)].sort((x, y) => x - y));
  });

  it("presence on either node shows members connected to both", async () => {
    const alice = sockets[0]!;
    const bob = sockets[1]!;
    for (const s of [alice, bob]) {
      const ids = (await presenceOf(s, groupId)).online.map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([people.alice!.id, people.bob!.id]));
    }
  });

  it("a ban issued through node A takes the member's socket on node B out of the room at once", async () => {
    const [alice, bob] = [sockets[0]!, sockets[1]!];
    const atBob = received(bob);
    const atAlice = received(alice);
    const ban = await api(a, "POST", `/api/groups/${groupId}/bans`, moderator, {
      userId: people.bob!.id,
      reason: "scale-out test",
    });
    expect(ban.status, JSON.stringify(ban.body)).toBe(201);
    expect((await send(alice, groupId, "after the ban")).ok).toBe(true);
    await until(() => atAlice.some((m) => m.body === "after the ban"));
    // Across nodes (Redis pub/sub) no round trip orders Bob's delivery: give it the time it would take.
    await pause(500);
    expect(atBob.map((m) => m.body)).not.toContain("after the ban");
    expect(bob.connected).toBe(true);
    const refused = await send(bob, groupId, "still here?");
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.error.code).toBe("BANNED");
    const ids = (await presenceOf(alice, groupId)).online.map((u) => u.id);
    expect(ids).not.toContain(people.bob!.id);
  });

  it("a member banned while disconnected recovers the session but not the group's room or its messages", async () => {
    const alice = sockets[0]!;
    const dave = io(a.url, {
      auth: { token: people.dave!.token },
      transports: ["websocket"],
      forceNew: true,
      // Long enough for the ban below (and its clean-up of saved sessions) to land first.
      reconnectionDelay: 3000,
      reconnectionDelayMax: 3000,
      randomizationFactor: 0,
    });
    sockets.push(dave);
    await new Promise<void>((resolve) => dave.once("connect", () => resolve()));
    const atDave = received(dave);
    expect((await send(alice, groupId, "before dave drops")).ok).toBe(true);
    await until(() => atDave.some((m) => m.body === "before dave drops"));
    // A dropped transport (not a clean disconnect): node A saves the session in Redis for recovery.
    (dave.io.engine as unknown as { close(): void }).close();
    // Node A notices and saves the session in Redis (another process: nothing to poll here).
    await pause(500);
    const ban = await api(b, "POST", `/api/groups/${groupId}/bans`, moderator, {
      userId: people.dave!.id,
      reason: "scale-out test while away",
    });
    expect(ban.status).toBe(201);
    expect((await send(alice, groupId, "while dave is away")).ok).toBe(true);
    await new Promise<void>((resolve) => dave.once("connect", () => resolve()));
    expect(dave.recovered).toBe(true);
    await roundTrip(dave as unknown as ClientSocket);
    expect(atDave.map((m) => m.body)).not.toContain("while dave is away");
    const ids = (await presenceOf(alice, groupId)).online.map((u) => u.id);
    expect(ids).not.toContain(people.dave!.id);
    dave.close();
  });

  it("the chat send rate limit counts a user's messages on both nodes together", async () => {
    const onA = await connect(a, people.carol!.token);
    const onB = await connect(b, people.carol!.token);
    // The limit is 10 messages per 10 s per user: 5 through each node use it up.
    for (let i = 0; i < 5; i++) {
      expect((await send(onA, groupId, `carol A ${i}`)).ok).toBe(true);
      expect((await send(onB, groupId, `carol B ${i}`)).ok).toBe(true);
    }
    for (const s of [onB, onA]) {
      const ack = await send(s, groupId, "one too many");
      expect(ack.ok ? "sent" : ack.error.code).toBe("RATE_LIMITED");
    }
  });

  it("the HTTP request limit counts a caller's requests on both nodes together", async () => {
    const token = people.bob!.token;
    let allowed = 0;
    let refused: Answer | undefined;
    for (let i = 0; i < 60 && !refused; i++) {
      const res = await api(i % 2 === 0 ? a : b, "GET", "/api/me", token);
      if (res.status === 200) allowed++;
      else refused = res;
    }
    // One bucket of 20 for the caller, not 20 on each node (a second or two may refill one more).
    expect(allowed).toBeGreaterThanOrEqual(19);
    expect(allowed).toBeLessThanOrEqual(23);
    expect(refused?.status).toBe(429);
    expect(refused?.body.error).toMatchObject({ code: "RATE_LIMITED" });
    // Another caller has a bucket of its own.
    expect((await api(b, "GET", "/api/me", people.dave!.token)).status).toBe(200);
  });

  it("failed logins count on both nodes together", async () => {
    const email = `frank-${randomUUID().slice(0, 6)}@scale.test`;
    const password = "scale-out-password-2";
    const reg = await api(b, "POST", "/api/auth/register", undefined, {
      email,
      password,
      displayName: "frank",
    });
    expect(reg.status).toBe(202);
    const attempt = (node: ChildServer, pw: string) =>
      api(node, "POST", "/api/auth/login", undefined, { email, password: pw });
    // Five wrong passwords from one address, spread over both nodes, use up the pair's allowance...
    for (const node of [a, b, a, b, a]) expect((await attempt(node, "wrong-password-123")).status).toBe(401);
    // ...so even the right password must wait, whichever node is asked.
    for (const node of [b, a]) {
      const res = await attempt(node, password);
      expect(res.status).toBe(429);
      expect((res.body.error as { code: string }).code).toBe("RATE_LIMITED");
    }
  });

  it("disabling an account through node A ends its socket on node B", async () => {
    const onB = sockets[sockets.length - 1]!;
    const gone = new Promise<void>((resolve) => onB.once("disconnect", () => resolve()));
    const res = await api(a, "POST", `/api/admin/users/${people.carol!.id}/disable`, people.admin!.token);
    expect(res.status).toBe(200);
    await gone;
  });

  it("stopping node A ends only node A's sockets", async () => {
    const worker = await connect(b, moderator);
    const atWorker = received(worker);
    const alice = sockets[0]!;
    const aliceGone = new Promise<void>((resolve) => alice.once("disconnect", () => resolve()));
    a.kill("SIGTERM");
    await a.exited;
    await aliceGone;
    expect(worker.connected).toBe(true);
    expect((await send(worker, groupId, "node B carries on")).ok).toBe(true);
    await until(() => atWorker.some((m) => m.body === "node B carries on"));
  });
});
