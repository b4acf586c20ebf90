import type { Message } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  type ClientSocket,
  collect,
  connectSocket,
  dropConnection,
  emitAck,
  fullHistory,
  joinGroup,
  roundTrip,
  sendOk,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

const srv = useTestServer();

/**
 * What a phone keeps: messages by id, replaced only by a copy with a higher change sequence,
 * and a catch-up cursor taken only from sync answers (never from live events, which may race).
 */
class ClientModel {
  readonly byId = new Map<string, Message>();
  cursor = 0;
  apply = (m: Message) => {
    const have = this.byId.get(m.id);
    if (!have || m.changeSeq > have.changeSeq) this.byId.set(m.id, m);
  };
  listen(socket: ClientSocket) {
    for (const ev of ["message:new", "message:updated", "message:deleted"])
      (socket as unknown as { on(e: string, f: (m: Message) => void): void }).on(ev, this.apply);
  }
  /** Catch up page by page; answers every message the sync returned. */
  async sync(socket: ClientSocket, groupId: string, limit = 20): Promise<Message[]> {
    const got: Message[] = [];
    for (;;) {
      const res = await emitAck(socket, "group:sync", {
        groupId,
        sinceChangeSeq: this.cursor,
        limit,
      });
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      res.messages.forEach(this.apply);
      got.push(...res.messages);
      this.cursor = res.changeSeq;
      if (!res.hasMore) return got;
    }
  }
  sorted() {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }
}

async function setup(memberCount: number) {
  const { group, moderator } = await buildGroup(srv);
  const others: Account[] = [];
  for (let i = 0; i < memberCount; i++) {
    const c = await buildCaregiver(srv);
    await joinGroup(srv, c, group.id);
    others.push(c);
  }
  const phone = await buildCaregiver(srv, { displayName: "奶奶的手机" });
  await joinGroup(srv, phone, group.id);
  const sockets = await Promise.all(others.map((c) => connectSocket(srv, c.token)));
  return { group, moderator, others, phone, sockets };
}

/** 50 messages, 3 edits and 2 deletions (touching messages from before and during the absence). */
async function churn(sockets: ClientSocket[], groupId: string, earlier: Message[]) {
  const sent: Message[] = [];
  for (let i = 0; i < 50; i++)
    sent.push(await sendOk(sockets[i % sockets.length]!, groupId, `离线期间 ${i}`));
  const senderOf = (m: Message) => sockets[Number(m.body!.split(" ")[1]) % sockets.length]!;
  const edit = async (m: Message, s: ClientSocket, body: string) => {
    const ack = await emitAck(s, "message:edit", { messageId: m.id, body });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  };
  await edit(earlier[0]!, sockets[0]!, "之前的消息，改过了");
  await edit(sent[10]!, senderOf(sent[10]!), "改过 10");
  await edit(sent[49]!, senderOf(sent[49]!), "改过 49");
  for (const m of [earlier[1]!, sent[20]!]) {
    const owner = m === earlier[1] ? sockets[1]! : senderOf(m);
    const ack = await emitAck(owner, "message:delete", { messageId: m.id });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  }
}

describe("catch-up after a disconnect", () => {
  it("a client away during 50 messages, 3 edits and 2 deletions ends with exactly the server's state", async () => {
    // Six senders: each stays under the per-user rate limit (10 messages per 10 seconds).
    const { group, phone, sockets } = await setup(6);
    const earlier: Message[] = [];
    for (let i = 0; i < 6; i++) earlier.push(await sendOk(sockets[i]!, group.id, `之前 ${i}`));

    const model = new ClientModel();
    let s = await connectSocket(srv, phone.token);
    model.listen(s);
    await model.sync(s, group.id);
    expect(model.sorted().map((m) => m.body)).toEqual(earlier.map((m) => m.body));
    s.disconnect();

    await churn(sockets, group.id, earlier);

    // A fresh connection (not relying on Socket.IO's recovery) and one catch-up call per page.
    s = await connectSocket(srv, phone.token);
    model.listen(s);
    const before = model.cursor;
    const replayed = await model.sync(s, group.id, 20);
    expect(new Set(replayed.map((m) => m.id)).size).toBe(replayed.length);
    expect(replayed.length).toBe(50 + 2); // every new message, plus the edited and deleted earlier ones
    expect(model.cursor).toBeGreaterThan(before);

    const server = await fullHistory(srv, phone, group.id);
    expect(model.sorted()).toEqual(server);
    expect(server).toHaveLength(56);
    expect(server.filter((m) => m.deletedAt !== null).map((m) => m.body)).toEqual([null, null]);
    expect(server.filter((m) => m.editedAt !== null).map((m) => m.body)).toEqual([
      "之前的消息，改过了",
      "改过 10",
      "改过 49",
    ]);

    // Nothing more to catch up: the cursor is stable and the next sync is empty.
    expect(await model.sync(s, group.id)).toEqual([]);
  });

  it("stays exact when Socket.IO recovers the session and replays, with catch-up on top", async () => {
    const { group, phone, sockets } = await setup(6);
    const earlier: Message[] = [];
    for (let i = 0; i < 3; i++) earlier.push(await sendOk(sockets[i]!, group.id, `之前 ${i}`));
    const model = new ClientModel();
    const s = await connectSocket(srv, phone.token, { reconnection: true });
    model.listen(s);
    await model.sync(s, group.id);

    const reconnected = new Promise<void>((resolve) => s.once("connect", () => resolve()));
    // Drop the transport as a flaky mobile network would; the client reconnects by itself.
    (s.io.engine as unknown as { close(): void }).close();
    await churn(sockets, group.id, earlier);
    await reconnected;
    await model.sync(s, group.id);
    await roundTrip(s);
    expect(model.sorted()).toEqual(await fullHistory(srv, phone, group.id));
  });

  it("answers a cursor beyond the group's state with the group's real cursor", async () => {
    const { group, phone } = await setup(1);
    const s = await connectSocket(srv, phone.token);
    const res = await emitAck(s, "group:sync", { groupId: group.id, sinceChangeSeq: 1000 });
    expect(res).toEqual({ ok: true, groupId: group.id, messages: [], changeSeq: 0, hasMore: false });
    const http = await srv.http
      .get(`/api/groups/${group.id}/changes?since=0`)
      .set("Authorization", phone.auth);
    expect(http.status).toBe(200);
    expect(http.body).toEqual({ groupId: group.id, messages: [], changeSeq: 0, hasMore: false });
  });
});

describe("membership is re-checked on reconnect", () => {
  it("a member removed while offline gets neither the room nor the missed messages back through session recovery", async () => {
    const { group, moderator, phone, sockets } = await setup(2);
    const s = await connectSocket(srv, phone.token, { reconnection: true });
    const seen = collect(s, "message:new");
    await sendOk(sockets[0]!, group.id, "大家好");
    await until(() => seen.length >= 1, { what: "the first message live" });
    await roundTrip(s);
    expect(seen).toHaveLength(1);

    const reconnected = new Promise<void>((resolve) => s.once("connect", () => resolve()));
    await dropConnection(srv, s);
    const removed = await srv.http
      .post(`/api/groups/${group.id}/members/${phone.id}/remove`)
      .set("Authorization", moderator.auth)
      .send({ reason: "测试移出" });
    expect(removed.status).toBe(200);
    await sendOk(sockets[0]!, group.id, "移出之后 1");
    await reconnected;
    expect(s.recovered).toBe(true);
    await sendOk(sockets[1]!, group.id, "移出之后 2");
    await roundTrip(s);
    expect(seen.map((m) => m.body)).toEqual(["大家好"]);
    const sync = await emitAck(s, "group:sync", { groupId: group.id, sinceChangeSeq: 0 });
    expect(sync).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});
