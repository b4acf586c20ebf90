import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import {
  buildAdmin,
  buildCaregiver,
  buildGroup,
  connectSocket,
  emitAck,
  joinGroup,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

// Issue 14 #10: archived groups are read-only for every change; muted members neither react nor edit.
const srv = useTestServer();

async function room() {
  const { group, moderator } = await buildGroup(srv);
  const member = await buildCaregiver(srv);
  const peer = await buildCaregiver(srv);
  await joinGroup(srv, member, group.id);
  await joinGroup(srv, peer, group.id);
  const ms = await connectSocket(srv, member.token);
  const ps = await connectSocket(srv, peer.token);
  const mine = await sendOk(ms, group.id, "我的消息");
  const theirs = await sendOk(ps, group.id, "别人的消息");
  return { group, moderator, member, peer, ms, ps, mine, theirs };
}

/** Stored state that any change would alter: edit versions, reactions, the message rows. */
async function snapshot(groupId: string) {
  const [row] = await sqlRows<Record<string, unknown>>(
    srv,
    sql`select (select count(*) from message_edits e join messages m on m.id = e.message_id where m.group_id = ${groupId}) as edits,
               (select count(*) from message_reactions r join messages m on m.id = r.message_id where m.group_id = ${groupId}) as reactions,
               (select count(*) from messages where group_id = ${groupId} and deleted_at is not null) as deleted,
               (select change_seq from groups where id = ${groupId}) as change_seq`,
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

describe("archived groups", () => {
  it("refuse edits, reactions and deletes over HTTP and socket; reads still work", async () => {
    const { group, member, ms, mine, theirs } = await room();
    const admin = await buildAdmin(srv);
    await srv.http
      .patch(`/api/groups/${group.id}`)
      .set("Authorization", admin.auth)
      .send({ archived: true })
      .expect(200);
    const before = await snapshot(group.id);
    const api = (m: "patch" | "post" | "delete", path: string, body?: object) =>
      srv.http[m](path).set("Authorization", member.auth).send(body);

    for (const res of [
      await api("patch", `/api/messages/${mine.id}`, { body: "改了" }),
      await api("post", `/api/messages/${theirs.id}/reactions`, { emoji: "👍" }),
      await api("delete", `/api/messages/${mine.id}`),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body.error).toMatchObject({ code: "FORBIDDEN", details: { reason: "archived" } });
    }
    for (const [event, payload] of [
      ["message:edit", { messageId: mine.id, body: "改了" }],
      ["message:react", { messageId: theirs.id, emoji: "❤️" }],
      ["message:delete", { messageId: mine.id }],
    ] as const) {
      const ack = await emitAck(ms, event, payload);
      expect(ack, event).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", details: { reason: "archived" } },
      });
    }
    expect(await snapshot(group.id)).toEqual(before);
    const history = await srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", member.auth);
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: { body: string }) => m.body)).toEqual(["我的消息", "别人的消息"]);
  });
});

describe("muted members", () => {
  it("can neither react nor edit, but may still delete their own message", async () => {
    const { group, moderator, member, ms, mine, theirs } = await room();
    await srv.http
      .post(`/api/groups/${group.id}/mutes`)
      .set("Authorization", moderator.auth)
      .send({ userId: member.id, minutes: 10, reason: "请冷静一下" })
      .expect(201);
    const before = await snapshot(group.id);
    const react = await srv.http
      .post(`/api/messages/${theirs.id}/reactions`)
      .set("Authorization", member.auth)
      .send({ emoji: "👍" });
    expect(react.status).toBe(403);
    expect(react.body.error).toMatchObject({
      code: "MUTED",
      details: { reason: "请冷静一下", retryAfterSeconds: expect.any(Number) },
    });
    const edit = await srv.http
      .patch(`/api/messages/${mine.id}`)
      .set("Authorization", member.auth)
      .send({ body: "改了" });
    expect(edit.body.error).toMatchObject({ code: "MUTED" });
    for (const [event, payload] of [
      ["message:react", { messageId: theirs.id, emoji: "❤️" }],
      ["message:edit", { messageId: mine.id, body: "再改" }],
    ] as const) {
      const ack = await emitAck(ms, event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: "MUTED" } });
    }
    expect(await snapshot(group.id)).toEqual(before);
    const del = await srv.http.delete(`/api/messages/${mine.id}`).set("Authorization", member.auth);
    expect(del.status).toBe(200);
  });
});
