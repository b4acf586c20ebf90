/**
 * Issue 14 #2: Socket.IO connection-state recovery must only hand a socket the missed packets
 * of the same user whose valid token it presents. A stolen session id with an invalid token gets
 * `connect_error` and nothing else; with another user's valid token, a fresh session and nothing
 * replayed. (Two nodes on Redis: socket-recovery.redis.test.ts.)
 */
import type { Message } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  connectSocket,
  dropConnection,
  joinGroup,
  nextEvent,
  resumeSession,
  roundTrip,
  sendOk,
  sessionOf,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { pause } from "../setup/until.js";

const srv = useTestServer();

/** The victim's session id and offset, after it dropped off the network; then what it missed. */
async function victimMisses(): Promise<{ victim: Account; pid: string; offset: string; missed: string[] }> {
  const { group } = await buildGroup(srv);
  const victim = await buildCaregiver(srv);
  const sender = await buildCaregiver(srv);
  await joinGroup(srv, victim, group.id);
  await joinGroup(srv, sender, group.id);
  const senderSocket = await connectSocket(srv, sender.token);
  const phone = await connectSocket(srv, victim.token);
  const online = nextEvent(phone, "message:new");
  await sendOk(senderSocket, group.id, "在线时的消息");
  await online;
  const { pid, offset } = sessionOf(phone);
  await dropConnection(srv, phone);
  const missed = ["孩子今天的药放在书包里", "明天的活动改到下午"];
  for (const body of missed) await sendOk(senderSocket, group.id, body);
  // A private notification to the victim's own room while away.
  // Stored for the session at once: the in-memory adapter persists a packet as it broadcasts it.
  srv.cc.io.to(`user:${victim.id}`).emit("session:ended", { reason: "shutdown" });
  return { victim, pid, offset, missed };
}

describe("session recovery is bound to the session's own user", () => {
  it("a stolen session id with an invalid token: connect_error and no packet replayed", async () => {
    const { pid, offset } = await victimMisses();
    const attempt = resumeSession(srv.url, "not-a-token", pid, offset);
    expect(await attempt.outcome).toEqual({ connected: false, code: "UNAUTHENTICATED" });
    // No later signal exists on a refused connection: give a late replay the time it would take.
    await pause(100);
    expect(attempt.events).toEqual([]);
  });

  it("a stolen session id with another user's valid token: a fresh session, nothing replayed", async () => {
    const { pid, offset } = await victimMisses();
    const mallory = await buildCaregiver(srv);
    const attempt = resumeSession(srv.url, mallory.token, pid, offset);
    expect(await attempt.outcome).toEqual({ connected: true });
    const server = srv.cc.io.of("/").sockets.get(attempt.socket.id!)!;
    expect(server.recovered).toBe(false);
    await roundTrip(attempt.socket);
    expect(attempt.events).toEqual([]);
    expect([...server.rooms].filter((r) => r.startsWith("group:") || r.startsWith("user:"))).toEqual([
      `user:${mallory.id}`,
    ]);
  });

  it("the owner with her own valid token still recovers and gets exactly what she missed", async () => {
    const { victim, pid, offset, missed } = await victimMisses();
    const attempt = resumeSession(srv.url, victim.token, pid, offset);
    expect(await attempt.outcome).toEqual({ connected: true });
    expect(srv.cc.io.of("/").sockets.get(attempt.socket.id!)?.recovered).toBe(true);
    await roundTrip(attempt.socket);
    const bodies = attempt.events
      .filter((e) => e.name === "message:new")
      .map((e) => (e.payload as Message).body);
    expect(bodies).toEqual(missed);
    expect(attempt.events.some((e) => e.name === "session:ended")).toBe(true);
  });
});
