import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { Conversation } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildCaregiver,
  buildGroup,
  buildStaff,
  collect,
  connectSocket,
  emitAck,
  fullHistory,
  joinFamily,
  joinGroup,
  nextEvent,
  send,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

/** A family of two caregivers with an assigned social worker. */
async function buildCase() {
  const mum = await buildCaregiver(srv, { displayName: `妈妈${randomUUID().slice(0, 4)}` });
  const grandma = await joinFamily(srv, mum, { displayName: `奶奶${randomUUID().slice(0, 4)}` });
  const sw = await buildStaff(srv, "social_worker", `社工${randomUUID().slice(0, 4)}`);
  await assignSocialWorker(srv, mum.familyId!, sw.id);
  return { mum, grandma, sw, familyId: mum.familyId! };
}

async function open(who: Account, body: object) {
  return srv.http.post("/api/conversations").set("Authorization", who.auth).send(body);
}

async function openOk(who: Account, body: object): Promise<Conversation> {
  const res = await open(who, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Conversation;
}

describe("opening a private conversation", () => {
  it("a social worker opens one with an assigned family: every caregiver is in it, once per pair", async () => {
    const c = await buildCase();
    const conv = await openOk(c.sw, { familyId: c.familyId });
    expect(conv.familyId).toBe(c.familyId);
    expect(conv.socialWorker).toEqual({ id: c.sw.id, displayName: c.sw.displayName });
    expect(conv.caregivers.map((x) => x.id).sort()).toEqual([c.mum.id, c.grandma.id].sort());
    // Create-or-get: again by family, by a caregiver's user id, and by the caregiver, concurrently.
    const again = await Promise.all([
      openOk(c.sw, { familyId: c.familyId }),
      openOk(c.sw, { userId: c.grandma.id }),
      openOk(c.mum, {}),
      openOk(c.grandma, { socialWorkerId: c.sw.id }),
    ]);
    for (const a of again) expect(a.id).toBe(conv.id);
    const members = await sqlRows<{ user_id: string; role: string }>(
      srv,
      sql`select user_id, role from group_members where group_id = ${conv.id} order by role`,
    );
    expect(members).toHaveLength(3);
    expect(members.find((m) => m.user_id === c.sw.id)?.role).toBe("moderator");
    const audit = await sqlRows(
      srv,
      sql`select 1 from audit_log where action = 'conversation_opened' and group_id = ${conv.id}`,
    );
    expect(audit).toHaveLength(1);
  });

  it("refuses everyone outside the family and its social worker (404), and staff roles (403)", async () => {
    const c = await buildCase();
    const other = await buildCaregiver(srv);
    const otherSw = await buildStaff(srv, "social_worker");
    const staff = await buildStaff(srv, "station_staff");
    const admin = await buildStaff(srv, "admin");
    const before = await sqlRows(srv, sql`select count(*)::int as n from groups where kind = 'direct'`);
    expect((await open(otherSw, { familyId: c.familyId })).status).toBe(404);
    expect((await open(otherSw, { userId: c.mum.id })).status).toBe(404);
    expect((await open(other, { socialWorkerId: c.sw.id })).status).toBe(404);
    expect((await open(other, {})).status).toBe(404); // no social worker of their own
    expect((await open(c.mum, { userId: other.id })).status).toBe(404); // no caregiver-to-caregiver
    expect((await open(c.sw, { userId: c.sw.id })).status).toBe(404);
    expect((await open(staff, { familyId: c.familyId })).body.error.code).toBe("FORBIDDEN");
    expect((await open(admin, { familyId: c.familyId })).body.error.code).toBe("FORBIDDEN");
    const bad = await open(c.sw, { familyId: c.familyId, userId: c.mum.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect((await open(c.sw, {})).body.error.code).toBe("VALIDATION_FAILED");
    expect((await open(c.sw, { familyId: "nope" })).status).toBe(400);
    const after = await sqlRows(srv, sql`select count(*)::int as n from groups where kind = 'direct'`);
    expect(after).toEqual(before);
  });

  it("a caregiver whose family has two social workers must choose one; each pair has its own", async () => {
    const c = await buildCase();
    const sw2 = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, c.familyId, sw2.id);
    const res = await open(c.mum, {});
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.socialWorkerId).toBeTruthy();
    const a = await openOk(c.mum, { socialWorkerId: c.sw.id });
    const b = await openOk(c.mum, { socialWorkerId: sw2.id });
    expect(a.id).not.toBe(b.id);
    const swSees = await srv.http.get("/api/conversations").set("Authorization", sw2.auth);
    expect(swSees.body.conversations.map((x: Conversation) => x.id)).toEqual([b.id]);
  });

  it("a caregiver who joins the family later is in its conversations", async () => {
    const c = await buildCase();
    const conv = await openOk(c.sw, { familyId: c.familyId });
    const dad = await joinFamily(srv, c.mum);
    const list = await srv.http.get("/api/conversations").set("Authorization", dad.auth);
    expect(list.body.conversations.map((x: Conversation) => x.id)).toEqual([conv.id]);
    const s = await connectSocket(srv, dad.token);
    const incoming = nextEvent(s, "message:new");
    const swSocket = await connectSocket(srv, c.sw.token);
    await sendOk(swSocket, conv.id, "爸爸您好");
    expect((await incoming).body).toBe("爸爸您好");
  });
});

describe("conversations are not groups", () => {
  it("never appear in group browsing, cannot be joined, left, changed or read by outsiders (admins included)", async () => {
    const c = await buildCase();
    const conv = await openOk(c.sw, { familyId: c.familyId });
    const other = await buildCaregiver(srv);
    const admin = await buildStaff(srv, "admin");
    for (const who of [c.mum, c.sw, other, admin]) {
      const list = await srv.http.get("/api/groups").set("Authorization", who.auth);
      expect(list.status).toBe(200);
      expect(list.body.groups.map((g: { id: string }) => g.id)).not.toContain(conv.id);
    }
    for (const who of [other, admin]) {
      expect((await srv.http.get(`/api/groups/${conv.id}`).set("Authorization", who.auth)).status).toBe(404);
      expect((await srv.http.post(`/api/groups/${conv.id}/join`).set("Authorization", who.auth)).status).toBe(
        404,
      );
      const msgs = await srv.http.get(`/api/groups/${conv.id}/messages`).set("Authorization", who.auth);
      expect(msgs.status).toBe(404);
      const changes = await srv.http
        .get(`/api/groups/${conv.id}/changes`)
        .query({ since: 0 })
        .set("Authorization", who.auth);
      expect(changes.status).toBe(404);
      const read = await srv.http
        .post(`/api/groups/${conv.id}/read`)
        .set("Authorization", who.auth)
        .send({ seq: 1 });
      expect(read.status).toBe(404);
    }
    const leave = await srv.http.post(`/api/groups/${conv.id}/leave`).set("Authorization", c.mum.auth);
    expect(leave.status).toBe(403);
    const rename = await srv.http
      .patch(`/api/groups/${conv.id}`)
      .set("Authorization", c.sw.auth)
      .send({ name: "改名" });
    expect(rename.status).toBe(403);
    const mute = await srv.http
      .post(`/api/groups/${conv.id}/mutes`)
      .set("Authorization", c.sw.auth)
      .send({ userId: c.mum.id, minutes: 10, reason: "测试" });
    expect(mute.status).toBe(403);
    const members = await sqlRows(srv, sql`select 1 from group_members where group_id = ${conv.id}`);
    expect(members).toHaveLength(3);
  });

  it("outsiders' sockets are refused send, sync, read and typing", async () => {
    const c = await buildCase();
    const conv = await openOk(c.sw, { familyId: c.familyId });
    const other = await buildCaregiver(srv);
    const otherSw = await buildStaff(srv, "social_worker");
    const { group } = await buildGroup(srv, { moderator: otherSw });
    await joinGroup(srv, other, group.id);
    for (const who of [other, otherSw]) {
      const s = await connectSocket(srv, who.token);
      const sent = await send(s, conv.id, "你好");
      expect(sent.ok).toBe(false);
      const sync = await emitAck(s, "group:sync", {
        groupId: conv.id,
        sinceChangeSeq: 0,
        limit: 10,
      });
      expect(sync.ok ? "ok" : sync.error.code).toBe("NOT_FOUND");
      const read = await emitAck(s, "group:read", { groupId: conv.id, seq: 1 });
      expect(read.ok ? "ok" : read.error.code).toBe("NOT_FOUND");
      const typing = await emitAck(s, "typing", { groupId: conv.id, isTyping: true });
      expect(typing.ok).toBe(false);
    }
    const stored = await sqlRows(srv, sql`select 1 from messages where group_id = ${conv.id}`);
    expect(stored).toHaveLength(0);
  });
});

describe("delivery", () => {
  it("exactly once across a clientId retry and a reconnect with catch-up; unread and read marks", async () => {
    const c = await buildCase();
    const conv = await openOk(c.sw, { familyId: c.familyId });
    const swSocket = await connectSocket(srv, c.sw.token);
    const mumSocket = await connectSocket(srv, c.mum.token);
    const live = collect(mumSocket, "message:new");

    const clientId = randomUUID();
    const first = await sendOk(swSocket, conv.id, "最近睡得好吗？", { clientId });
    const retry = await sendOk(swSocket, conv.id, "最近睡得好吗？", { clientId });
    expect(retry.id).toBe(first.id);
    await sendOk(swSocket, conv.id, "周三可以来站点聊聊");
    await expect.poll(() => live.length).toBe(2);

    // Grandma is offline while two messages arrive; she catches up from her cursor.
    const gmSocket = await connectSocket(srv, c.grandma.token);
    const sync0 = await emitAck(gmSocket, "group:sync", {
      groupId: conv.id,
      sinceChangeSeq: 0,
      limit: 50,
    });
    if (!sync0.ok) throw new Error(JSON.stringify(sync0.error));
    const cursor = sync0.changeSeq;
    gmSocket.disconnect();
    await sendOk(swSocket, conv.id, "第三条");
    await sendOk(mumSocket, conv.id, "谢谢社工");
    gmSocket.connect();
    await new Promise((r) => gmSocket.once("connect", () => r(undefined)));
    const sync1 = await emitAck(gmSocket, "group:sync", {
      groupId: conv.id,
      sinceChangeSeq: cursor,
      limit: 50,
    });
    if (!sync1.ok) throw new Error(JSON.stringify(sync1.error));
    expect(sync1.messages.map((m) => m.body)).toEqual(["第三条", "谢谢社工"]);

    const history = await fullHistory(srv, c.grandma, conv.id);
    expect(history.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(new Set(history.map((m) => m.id)).size).toBe(4);

    const listed = async (who: Account) =>
      (
        (await srv.http.get("/api/conversations").set("Authorization", who.auth)).body
          .conversations as Conversation[]
      ).find((x) => x.id === conv.id)!;
    expect((await listed(c.grandma)).unreadCount).toBe(4);
    expect((await listed(c.mum)).unreadCount).toBe(3); // her own message is not unread
    expect((await listed(c.sw)).unreadCount).toBe(1);
    const read = await emitAck(gmSocket, "group:read", {
      groupId: conv.id,
      seq: 3,
    });
    expect(read).toEqual({ ok: true, unreadCount: 1 });
    const g = await listed(c.grandma);
    expect(g.lastReadSeq).toBe(3);
    expect(g.lastMessageAt).not.toBeNull();
  });

  it("a conversation opened while members are online reaches their sockets at once", async () => {
    const c = await buildCase();
    const mumSocket = await connectSocket(srv, c.mum.token);
    const joined = nextEvent(mumSocket, "group:membership");
    const incoming = nextEvent(mumSocket, "message:new");
    const conv = await openOk(c.sw, { familyId: c.familyId });
    expect(await joined).toEqual({ groupId: conv.id, status: "joined" });
    const swSocket = await connectSocket(srv, c.sw.token);
    await sendOk(swSocket, conv.id, "您好，我是您的社工");
    expect((await incoming).groupId).toBe(conv.id);
  });
});

describe("screening", () => {
  it("crisis talk from a caregiver raises an alert for the conversation's social worker", async () => {
    const c = await buildCase();
    const conv = await openOk(c.mum, {});
    const swSocket = await connectSocket(srv, c.sw.token);
    const alert = nextEvent(swSocket, "moderation:alert");
    const mumSocket = await connectSocket(srv, c.mum.token);
    const ack = await send(mumSocket, conv.id, "我真的不想活了");
    expect(ack.ok).toBe(true);
    if (ack.ok) expect(ack.support?.text).toBeTruthy();
    expect((await alert).group?.id).toBe(conv.id);
    const list = await srv.http
      .get("/api/moderation/alerts")
      .query({ groupId: conv.id })
      .set("Authorization", c.sw.auth);
    expect(list.status).toBe(200);
    expect(list.body.alerts).toHaveLength(1);
    // Another social worker does not moderate it and cannot list its alerts.
    const otherSw = await buildStaff(srv, "social_worker");
    const theirs = await srv.http
      .get("/api/moderation/alerts")
      .query({ groupId: conv.id })
      .set("Authorization", otherSw.auth);
    expect([403, 404]).toContain(theirs.status);
  });
});
