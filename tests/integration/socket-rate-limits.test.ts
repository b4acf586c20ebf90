/**
 * Issue 14 #8: every client event has a per-user limit (`EVENT_ACCESS[event].limit`), answered
 * with `RATE_LIMITED` and a retry time like sending. The bursts of the attack test are cut off;
 * normal use is not; the count is per user, across all of the user's sockets.
 */

import { sql } from "@carecircle/server";
import { type Ack, EVENT_ACCESS } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildCaregiver,
  buildGroup,
  type ClientSocket,
  collect,
  connectSocket,
  emitAckRaw,
  joinGroup,
  roundTrip,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

/** Emit `n` events as fast as the socket allows; answers every ack. */
function burst(socket: ClientSocket, event: string, n: number, payload: (i: number) => unknown) {
  return Promise.all(
    Array.from({ length: n }, (_, i) => emitAckRaw(socket, event, [payload(i)], 20_000) as Promise<Ack>),
  );
}

function tally(acks: Ack[]) {
  const refused = acks.flatMap((a) => (a.ok ? [] : [a.error]));
  for (const error of refused) {
    expect(error.code).toBe("RATE_LIMITED");
    expect(
      (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds,
    ).toBeGreaterThanOrEqual(1);
  }
  return { accepted: acks.length - refused.length, refused: refused.length };
}

async function room() {
  const { group, moderator } = await buildGroup(srv);
  const a = await buildCaregiver(srv);
  const watcher = await buildCaregiver(srv);
  await joinGroup(srv, a, group.id);
  await joinGroup(srv, watcher, group.id);
  const socket = await connectSocket(srv, a.token);
  const watching = await connectSocket(srv, watcher.token);
  const message = await sendOk(socket, group.id, "今天很好");
  return { groupId: group.id, moderator, a, socket, watching, message };
}

describe("socket events other than send are rate limited per user", () => {
  it("1,000 reactions in a burst: only the limit is accepted and broadcast", async () => {
    const { socket, watching, message } = await room();
    const updates = collect(watching, "message:updated");
    const acks = await burst(socket, "message:react", 1000, () => ({ messageId: message.id, emoji: "👍" }));
    const { accepted, refused } = tally(acks);
    expect(accepted).toBe(EVENT_ACCESS["message:react"].limit.count);
    expect(refused).toBe(1000 - accepted);
    await roundTrip(watching);
    expect(updates.length).toBeLessThanOrEqual(accepted);
  });

  it("300 edits in a burst: only the limit is stored as versions", async () => {
    const { socket, message } = await room();
    const acks = await burst(socket, "message:edit", 300, (i) => ({
      messageId: message.id,
      body: `改 ${i}`,
    }));
    const { accepted } = tally(acks);
    expect(accepted).toBe(EVENT_ACCESS["message:edit"].limit.count);
    const [row] = await sqlRows<{ n: number }>(
      srv,
      sql`SELECT count(*)::int AS n FROM message_edits WHERE message_id = ${message.id}::uuid`,
    );
    expect(row!.n).toBeLessThanOrEqual(accepted);
  });

  it("500 catch-ups of 500 messages in a burst: only the limit is answered", async () => {
    const { socket, groupId } = await room();
    const acks = await burst(socket, "group:sync", 500, () => ({ groupId, sinceChangeSeq: 0, limit: 500 }));
    expect(tally(acks).accepted).toBe(EVENT_ACCESS["group:sync"].limit.count);
  });

  it("the limit is per user across sockets, and other users are not affected", async () => {
    const { a, socket, watching, message } = await room();
    const second = await connectSocket(srv, a.token);
    const react = (s: ClientSocket, n: number) =>
      burst(s, "message:react", n, () => ({ messageId: message.id, emoji: "❤️" }));
    const both = [...(await react(socket, 15)), ...(await react(second, 15))];
    expect(tally(both).accepted).toBe(EVENT_ACCESS["message:react"].limit.count);
    expect(tally(await react(watching, 3)).accepted).toBe(3);
  });

  it("normal use is not limited: a few reactions, edits, reads and catch-ups all pass", async () => {
    const { socket, groupId, message } = await room();
    const acks = [
      ...(await burst(socket, "message:react", 3, () => ({ messageId: message.id, emoji: "😀" }))),
      ...(await burst(socket, "message:edit", 2, (i) => ({ messageId: message.id, body: `正常 ${i}` }))),
      ...(await burst(socket, "group:read", 5, () => ({ groupId, seq: 1 }))),
      ...(await burst(socket, "group:sync", 5, () => ({ groupId, sinceChangeSeq: 0 }))),
      ...(await burst(socket, "group:presence", 5, () => ({ groupId }))),
    ];
    expect(acks.filter((x) => !x.ok)).toEqual([]);
  });

  it("every client event has a limit", () => {
    for (const [name, spec] of Object.entries(EVENT_ACCESS)) {
      expect(spec.limit.count, name).toBeGreaterThan(0);
      expect(spec.limit.windowSeconds, name).toBeGreaterThan(0);
    }
  });
});
