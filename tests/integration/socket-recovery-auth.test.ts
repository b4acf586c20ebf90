/**
 * Issue 14 #2: Socket.IO connection-state recovery must only hand a socket the missed packets
 * of the same user whose valid token it presents. A stolen session id with an invalid token gets
 * `connect_error` and nothing else; with another user's valid token, a fresh session and nothing
 * replayed. (Two nodes on Redis: socket-recovery.redis.test.ts.)
 */
import type { Message } from "@carecircle/shared";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  closeAllSockets,
  connectSocket,
  joinGroup,
  sendOk,
} from "../factories/index.js";
import { startServer, type TestServer } from "../setup/server.js";

let srv: TestServer;
const raw: Socket[] = [];
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  closeAllSockets();
  for (const s of raw) s.close();
  await srv.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a resuming client sees: every event packet on the wire (even before CONNECT), and how it ended. */
interface Attempt {
  socket: Socket;
  events: { name: string; payload: unknown }[];
  outcome: Promise<{ connected: boolean; code?: string }>;
}

/** Resume session `pid` at `offset` presenting `token` (as an attacker who stole the session id would). */
function resume(url: string, token: string, pid: string, offset: string): Attempt {
  const socket = io(url, {
    auth: { token, pid, offset },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  raw.push(socket);
  const events: Attempt["events"] = [];
  socket.io.on("packet", (p: { type: number; nsp: string; data?: unknown[] }) => {
    if (p.type === 2 && Array.isArray(p.data)) events.push({ name: String(p.data[0]), payload: p.data[1] });
  });
  const outcome = new Promise<{ connected: boolean; code?: string }>((resolve) => {
    socket.once("connect", () => resolve({ connected: true }));
    socket.once("connect_error", (err: Error & { data?: { code?: string } }) =>
      resolve({ connected: false, ...(err.data?.code ? { code: err.data.code } : {}) }),
    );
  });
  return { socket, events, outcome };
}

/** The victim's session id and offset, after it dropped off the network; then what it missed. */
async function victimMisses(): Promise<{ victim: Account; pid: string; offset: string; missed: string[] }> {
  const { group } = await buildGroup(srv);
  const victim = await buildCaregiver(srv);
  const sender = await buildCaregiver(srv);
  await joinGroup(srv, victim, group.id);
  await joinGroup(srv, sender, group.id);
  const senderSocket = await connectSocket(srv, sender.token);
  const phone = await connectSocket(srv, victim.token);
  await sendOk(senderSocket, group.id, "在线时的消息");
  await sleep(100);
  const state = phone as unknown as { _pid?: string; _lastOffset?: string };
  const pid = state._pid!;
  const offset = state._lastOffset!;
  expect(pid && offset).toBeTruthy();
  (phone.io.engine as unknown as { close(): void }).close();
  await sleep(100);
  const missed = ["孩子今天的药放在书包里", "明天的活动改到下午"];
  for (const body of missed) await sendOk(senderSocket, group.id, body);
  // A private notification to the victim's own room while away.
  srv.cc.io.to(`user:${victim.id}`).emit("session:ended", { reason: "shutdown" });
  await sleep(100);
  return { victim, pid, offset, missed };
}

describe("session recovery is bound to the session's own user", () => {
  it("a stolen session id with an invalid token: connect_error and no packet replayed", async () => {
    const { pid, offset } = await victimMisses();
    const attempt = resume(srv.url, "not-a-token", pid, offset);
    expect(await attempt.outcome).toEqual({ connected: false, code: "UNAUTHENTICATED" });
    await sleep(100);
    expect(attempt.events).toEqual([]);
  });

  it("a stolen session id with another user's valid token: a fresh session, nothing replayed", async () => {
    const { pid, offset } = await victimMisses();
    const mallory = await buildCaregiver(srv);
    const attempt = resume(srv.url, mallory.token, pid, offset);
    expect(await attempt.outcome).toEqual({ connected: true });
    const server = srv.cc.io.of("/").sockets.get(attempt.socket.id!)!;
    expect(server.recovered).toBe(false);
    await sleep(200);
    expect(attempt.events).toEqual([]);
    expect([...server.rooms].filter((r) => r.startsWith("group:") || r.startsWith("user:"))).toEqual([
      `user:${mallory.id}`,
    ]);
  });

  it("the owner with her own valid token still recovers and gets exactly what she missed", async () => {
    const { victim, pid, offset, missed } = await victimMisses();
    const attempt = resume(srv.url, victim.token, pid, offset);
    expect(await attempt.outcome).toEqual({ connected: true });
    expect(srv.cc.io.of("/").sockets.get(attempt.socket.id!)?.recovered).toBe(true);
    await sleep(100);
    const bodies = attempt.events
      .filter((e) => e.name === "message:new")
      .map((e) => (e.payload as Message).body);
    expect(bodies).toEqual(missed);
    expect(attempt.events.some((e) => e.name === "session:ended")).toBe(true);
  });
});
