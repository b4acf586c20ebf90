/**
 * Issue 14 #2, #3 and #8 on two nodes (one PostgreSQL, one Redis, the Redis Streams adapter):
 * a session saved on node A cannot be resumed on node B by a bad token or another user; logout on
 * one node closes the user's sockets on the other; a socket event limit is counted across nodes.
 */
import { randomUUID } from "node:crypto";
import { type Ack, EVENT_ACCESS, type Message } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ClientSocket,
  closeAllSockets,
  nextEvent,
  resumeSession,
  roundTrip,
  sessionOf,
} from "../factories/index.js";
import { type ChildServer, spawnServer } from "../setup/child-server.js";
import { api, closeRemoteSockets, connectRemote } from "../setup/child-world.js";
import { freshDatabase } from "../setup/database.js";
import { pause } from "../setup/until.js";

const redisUrl = process.env.REDIS_URL;
const databaseUrl = process.env.DATABASE_URL;
if (!redisUrl || !databaseUrl) throw new Error("these tests need REDIS_URL and DATABASE_URL");

type Person = { id: string; token: string; refreshToken: string };

describe("session security across two nodes", () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ChildServer;
  let b: ChildServer;
  let groupId: string;

  async function person(name: string, join = true): Promise<Person> {
    const email = `${name}-${randomUUID().slice(0, 6)}@session.test`;
    const password = "session-test-password-1";
    expect(
      (await api(a, "POST", "/api/auth/register", undefined, { email, password, displayName: name })).status,
    ).toBe(202);
    const res = await api(a, "POST", "/api/auth/login", undefined, { email, password });
    expect(res.status).toBe(200);
    const p = {
      id: (res.body.user as { id: string }).id,
      token: res.body.token as string,
      refreshToken: res.body.refreshToken as string,
    };
    if (join) expect((await api(b, "POST", `/api/groups/${groupId}/join`, p.token)).status).toBe(200);
    return p;
  }

  const emit = (s: ClientSocket, event: string, payload: unknown) =>
    (s as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack> } })
      .timeout(10_000)
      .emitWithAck(event, payload);
  const say = async (s: ClientSocket, body: string) => {
    const ack = (await emit(s, "message:send", { groupId, clientId: randomUUID(), body })) as Ack<{
      message: Message;
    }>;
    expect(ack.ok).toBe(true);
    return ack.ok ? ack.message : undefined;
  };

  beforeAll(async () => {
    db = await freshDatabase();
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: redisUrl!,
      REDIS_PREFIX: `cc-sess-${randomUUID().slice(0, 8)}`,
      JWT_SECRET: "session-test-secret-session-test-secret-0123",
    };
    a = await spawnServer({
      ...shared,
      ADMIN_EMAIL: "admin@session.test",
      ADMIN_PASSWORD: "session-admin-pw",
    });
    b = await spawnServer(shared);
    const admin = await api(a, "POST", "/api/auth/login", undefined, {
      email: "admin@session.test",
      password: "session-admin-pw",
    });
    const group = await api(b, "POST", "/api/groups", admin.body.token as string, {
      name: "Session group",
      topic: "autism",
    });
    expect(group.status).toBe(201);
    groupId = (group.body as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    closeAllSockets();
    closeRemoteSockets();
    a?.kill("SIGTERM");
    b?.kill("SIGTERM");
    await Promise.all([a?.exited, b?.exited]);
    await db?.close();
  }, 30_000);

  /** The victim drops off node A after one message; two more and a private event arrive meanwhile. */
  async function victimAway() {
    const victim = await person("victim");
    const sender = await person("sender");
    const senderSocket = (await connectRemote(b, sender.token)) as unknown as ClientSocket;
    const phone = (await connectRemote(a, victim.token)) as unknown as ClientSocket;
    const online = nextEvent(phone, "message:new");
    await say(senderSocket, "在线时的消息");
    await online;
    const session = sessionOf(phone);
    (phone.io.engine as unknown as { close(): void }).close();
    // Node A saves the session in Redis, and the missed packets reach it through Redis: another
    // process, nothing to poll from here.
    await pause(300);
    await say(senderSocket, "离线时的消息 1");
    await say(senderSocket, "离线时的消息 2");
    await pause(300);
    return { victim, ...session };
  }

  it("#2: a session saved on A, resumed on B with an invalid token: connect_error, nothing replayed", async () => {
    const { pid, offset } = await victimAway();
    const attempt = resumeSession(b.url, "not-a-token", pid, offset);
    expect(await attempt.outcome).toEqual({ connected: false, code: "UNAUTHENTICATED" });
    // No later signal exists on a refused connection: give a late replay the time it would take.
    await pause(200);
    expect(attempt.events).toEqual([]);
  });

  it("#2: resumed on B with another user's valid token: nothing of the victim replayed", async () => {
    const { pid, offset } = await victimAway();
    const mallory = await person("mallory", false);
    const attempt = resumeSession(b.url, mallory.token, pid, offset);
    expect(await attempt.outcome).toEqual({ connected: true });
    await roundTrip(attempt.socket);
    expect(attempt.events.filter((e) => e.name === "message:new")).toEqual([]);
  });

  it("#2: the owner resuming on B gets what she missed", async () => {
    const { victim, pid, offset } = await victimAway();
    const attempt = resumeSession(b.url, victim.token, pid, offset);
    expect(await attempt.outcome).toEqual({ connected: true });
    await roundTrip(attempt.socket);
    const bodies = attempt.events
      .filter((e) => e.name === "message:new")
      .map((e) => (e.payload as Message).body);
    expect(bodies).toEqual(["离线时的消息 1", "离线时的消息 2"]);
  });

  it("#3: logout on node A closes the user's socket on node B and ends the token on both", async () => {
    const p = await person("leaver");
    const socket = await connectRemote(b, p.token);
    const gone = new Promise<string>((resolve) => socket.once("disconnect", (r) => resolve(r)));
    expect(
      (await api(a, "POST", "/api/auth/logout", undefined, { refreshToken: p.refreshToken })).status,
    ).toBe(200);
    expect(await gone).toBe("io server disconnect");
    for (const node of [a, b]) expect((await api(node, "GET", "/api/me", p.token)).status).toBe(401);
  });

  it("#8: an event limit is counted across nodes", async () => {
    const p = await person("reactor");
    const onA = (await connectRemote(a, p.token)) as unknown as ClientSocket;
    const onB = (await connectRemote(b, p.token)) as unknown as ClientSocket;
    const message = (await say(onA, "点个赞吧"))!;
    const react = (s: ClientSocket) =>
      Promise.all(
        Array.from({ length: 15 }, () => emit(s, "message:react", { messageId: message.id, emoji: "👍" })),
      );
    const acks = [...(await react(onA)), ...(await react(onB))];
    expect(acks.filter((x) => x.ok).length).toBe(EVENT_ACCESS["message:react"].limit.count);
    for (const x of acks) if (!x.ok) expect(x.error.code).toBe("RATE_LIMITED");
  });
});
