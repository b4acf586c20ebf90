import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { Ack, Message, Notification, SendResult } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildCaregiver,
  buildGroup,
  collect,
  connectSocket,
  emitAck,
  fullHistory,
  joinedCaregivers,
  joinGroup,
  nextEvent,
  roundTrip,
  send,
  sendOk,
  sqlCount,
  twoMembersOnline,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

const srv = useTestServer();

describe("live delivery", () => {
  it("two members see each other's messages live, in order, with only pseudonym and badge", async () => {
    const { group, moderator } = await buildGroup(srv);
    const mum = await buildCaregiver(srv, { displayName: "小宇妈妈" });
    const granny = await buildCaregiver(srv, { displayName: "朵朵奶奶" });
    await joinGroup(srv, mum, group.id);
    await joinGroup(srv, granny, group.id);
    const a = await connectSocket(srv, mum.token);
    const b = await connectSocket(srv, granny.token);
    const seenA = collect(a, "message:new");
    const seenB = collect(b, "message:new");

    const sent: Message[] = [];
    for (let i = 0; i < 6; i++) sent.push(await sendOk(i % 2 === 0 ? a : b, group.id, `消息 ${i}`));
    await until(() => seenA.length === 6 && seenB.length === 6, {
      timeoutMs: 3000,
      what: "six messages at each member",
    });

    expect(sent.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const seen of [seenA, seenB]) {
      expect(seen.map((m) => m.body)).toEqual(sent.map((m) => m.body));
      expect(seen.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const first = seenB[0]!;
    expect(first).toMatchObject({
      groupId: group.id,
      clientId: expect.any(String),
      sender: { id: mum.id, displayName: "小宇妈妈", role: "member" },
      editedAt: null,
      deletedAt: null,
      replyToSeq: null,
    });
    expect(Object.keys(first.sender!).sort()).toEqual(["displayName", "id", "role"]);
    expect(JSON.stringify(seenB)).not.toContain(mum.email);
    expect(JSON.stringify(seenB)).not.toContain(mum.familyId!);

    // A moderator's messages carry the moderator badge.
    const ms = await connectSocket(srv, moderator.token);
    const fromMod = await sendOk(ms, group.id, "欢迎大家");
    expect(fromMod.sender).toEqual({
      id: moderator.id,
      displayName: moderator.displayName,
      role: "moderator",
    });
  });

  it("a member connected before joining receives messages as soon as they join", async () => {
    const { group } = await buildGroup(srv);
    const sender = await buildCaregiver(srv);
    const late = await buildCaregiver(srv);
    await joinGroup(srv, sender, group.id);
    const s = await connectSocket(srv, sender.token);
    const l = await connectSocket(srv, late.token);
    const seen = collect(l, "message:new");
    await sendOk(s, group.id, "before join");
    await joinGroup(srv, late, group.id);
    const arrived = nextEvent(l, "message:new");
    await sendOk(s, group.id, "after join");
    expect((await arrived).body).toBe("after join");
    expect(seen.map((m) => m.body)).toEqual(["after join"]);
  });

  it("keeps text byte-for-byte as plain text and enforces 1-2000 characters after trimming", async () => {
    const { group } = await buildGroup(srv);
    const m = await buildCaregiver(srv);
    await joinGroup(srv, m, group.id);
    const s = await connectSocket(srv, m.token);
    const html = '  <b onclick="x()">你好</b> & <script>alert(1)</script>\n第二行  ';
    expect((await sendOk(s, group.id, html)).body).toBe(html);
    const max = ` ${"好".repeat(2000)} `;
    expect((await sendOk(s, group.id, max)).body).toBe(max);

    for (const body of ["", "   \n\t ", "好".repeat(2001), "a\u0000b", "\ud800x"]) {
      const ack = await send(s, group.id, body);
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await sqlCount(srv, sql`select count(*) as n from messages where group_id = ${group.id}`)).toBe(2);
  });
});

describe("idempotency and ordering", () => {
  it("re-sending the same clientId 5 times stores one message and broadcasts it once", async () => {
    const { group, a, sa, sb } = await twoMembersOnline(srv);
    const seen = collect(sb, "message:new");
    const clientId = randomUUID();

    const first = await sendOk(sa, group.id, "只发一次", { clientId });
    const again: Message[] = [];
    for (let i = 0; i < 4; i++) again.push(await sendOk(sa, group.id, "只发一次", { clientId }));
    // ...and a burst of concurrent retries, as a phone on a flaky network would do.
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => send(sa, group.id, "只发一次", { clientId })),
    );
    for (const m of again) expect(m).toEqual(first);
    for (const ack of burst) expect(ack).toEqual({ ok: true, message: first });

    // A resend over HTTP is the same message too.
    const http = await srv.http
      .post(`/api/groups/${group.id}/messages`)
      .set("Authorization", a.auth)
      .send({ clientId, body: "只发一次" });
    expect(http.status).toBe(200);
    expect(http.body.message).toEqual(first);

    await until(() => seen.length >= 1, { what: "the message live" });
    await roundTrip(sb);
    expect(seen.map((m) => m.id)).toEqual([first.id]);
    expect(await sqlCount(srv, sql`select count(*) as n from messages where client_id = ${clientId}`)).toBe(
      1,
    );
    expect(await sqlCount(srv, sql`select last_seq as n from groups where id = ${group.id}`)).toBe(1);
  });

  it("concurrent senders in one group get strictly increasing, gap-free seqs", async () => {
    const { group } = await buildGroup(srv);
    const senders = await joinedCaregivers(srv, group.id, 8);
    const sockets = await Promise.all(senders.map((c) => connectSocket(srv, c.token)));
    const listener = await connectSocket(srv, senders[0]!.token);
    const live = collect(listener, "message:new");

    const perSender = 5;
    const results = await Promise.all(
      senders.flatMap((c, i) =>
        Array.from({ length: perSender }, (_, k) =>
          k % 2 === 0
            ? sendOk(sockets[i]!, group.id, `s${i}-${k}`)
            : srv.http
                .post(`/api/groups/${group.id}/messages`)
                .set("Authorization", c.auth)
                .send({ clientId: randomUUID(), body: `s${i}-${k}` })
                .then((r) => {
                  expect(r.status, JSON.stringify(r.body)).toBe(200);
                  return r.body.message as Message;
                }),
        ),
      ),
    );
    const total = senders.length * perSender;
    const seqs = results.map((m) => m.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await until(() => live.length === total, { timeoutMs: 3000, what: "every message live" });
    expect(new Set(live.map((m) => m.seq)).size).toBe(total);

    const history = await fullHistory(srv, senders[0]!, group.id);
    expect(history.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await sqlCount(srv, sql`select last_seq as n from groups where id = ${group.id}`)).toBe(total);
  });
});

describe("history", () => {
  it("pagination by before and after returns every message exactly once, in order", async () => {
    const { group } = await buildGroup(srv);
    const members = await joinedCaregivers(srv, group.id, 5);
    const sockets = await Promise.all(members.map((c) => connectSocket(srv, c.token)));
    const total = 47;
    for (let i = 0; i < total; i++) await sendOk(sockets[i % 5]!, group.id, `第${i + 1}条`);
    const reader = members[0]!;

    // Newest page first by default.
    const newest = await srv.http
      .get(`/api/groups/${group.id}/messages?limit=10`)
      .set("Authorization", reader.auth);
    expect(newest.status).toBe(200);
    expect(newest.body.messages.map((m: Message) => m.seq)).toEqual([38, 39, 40, 41, 42, 43, 44, 45, 46, 47]);
    expect(newest.body.hasMore).toBe(true);
    expect(newest.body.changeSeq).toBe(total);

    const backwards = await fullHistory(srv, reader, group.id, 7);
    expect(backwards.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(backwards.map((m) => m.body)).toEqual(Array.from({ length: total }, (_, i) => `第${i + 1}条`));

    const forwards: Message[] = [];
    let after = 0;
    for (;;) {
      const res = await srv.http
        .get(`/api/groups/${group.id}/messages`)
        .query({ after, limit: 9 })
        .set("Authorization", reader.auth);
      expect(res.status).toBe(200);
      forwards.push(...res.body.messages);
      if (!res.body.hasMore) break;
      after = res.body.messages.at(-1).seq;
    }
    expect(forwards.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    for (const q of ["limit=0", "limit=101", "before=abc", "before=5&after=2", "after=-1", "foo=1"]) {
      const bad = await srv.http
        .get(`/api/groups/${group.id}/messages?${q}`)
        .set("Authorization", reader.auth);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("reads history through the (group_id, seq) index", async () => {
    const { group } = await buildGroup(srv);
    const { sql } = await import("@carecircle/server");
    await srv.cc.dbHandle.db.execute(sql`set enable_seqscan = off`);
    const res = (await srv.cc.dbHandle.db.execute(
      sql`explain select * from messages where group_id = ${group.id} and seq < 100 order by seq desc limit 51`,
    )) as unknown as { rows: Record<string, string>[] };
    await srv.cc.dbHandle.db.execute(sql`reset enable_seqscan`);
    expect(res.rows.map((r) => Object.values(r)[0]).join("\n")).toContain("messages_group_seq_key");
  });
});

describe("edits, deletions, replies, mentions, reactions, pins", () => {
  it("edits your own message within 15 minutes with history kept, and shows it as edited", async () => {
    const { group, moderator, a, b, sa, sb } = await twoMembersOnline(srv);
    const m = await sendOk(sa, group.id, "原来的话");

    const updated = nextEvent(sb, "message:updated");
    const ack = await emitAck(sa, "message:edit", {
      messageId: m.id,
      body: "改过的话",
    });
    expect(ack.ok).toBe(true);
    const live = await updated;
    expect(live).toMatchObject({ id: m.id, seq: m.seq, body: "改过的话", editedAt: expect.any(String) });
    expect(live.changeSeq).toBeGreaterThan(m.changeSeq);

    const other = await emitAck(sb, "message:edit", { messageId: m.id, body: "不是我的" });
    expect(other).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    const edits = await srv.http.get(`/api/messages/${m.id}/edits`).set("Authorization", a.auth);
    expect(edits.status).toBe(200);
    expect(edits.body.edits.map((e: { body: string }) => e.body)).toEqual(["原来的话"]);
    const byMod = await srv.http.get(`/api/messages/${m.id}/edits`).set("Authorization", moderator.auth);
    expect(byMod.status).toBe(200);
    const byPeer = await srv.http.get(`/api/messages/${m.id}/edits`).set("Authorization", b.auth);
    expect(byPeer.status).toBe(403);

    const { sql } = await import("@carecircle/server");
    await srv.cc.dbHandle.db.execute(
      sql`update messages set created_at = now() - interval '16 minutes' where id = ${m.id}`,
    );
    const late = await srv.http
      .patch(`/api/messages/${m.id}`)
      .set("Authorization", a.auth)
      .send({ body: "太晚了" });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("EDIT_WINDOW_CLOSED");
    const [page] = [await fullHistory(srv, a, group.id)];
    expect(page[0]!.body).toBe("改过的话");
  });

  it("deletes your own message as a tombstone that every member sees", async () => {
    const { group, a, b, sa, sb } = await twoMembersOnline(srv);
    const m = await sendOk(sa, group.id, "说错了");
    const notMine = await emitAck(sb, "message:delete", { messageId: m.id });
    expect(notMine).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    const deleted = nextEvent(sb, "message:deleted");
    const ack = await emitAck(sa, "message:delete", { messageId: m.id });
    expect(ack.ok).toBe(true);
    const tomb = await deleted;
    expect(tomb).toMatchObject({
      id: m.id,
      seq: m.seq,
      body: null,
      deletedAt: expect.any(String),
      reactions: [],
    });
    const again = await srv.http.delete(`/api/messages/${m.id}`).set("Authorization", a.auth);
    expect(again.status).toBe(200);
    expect(again.body.message.deletedAt).toBe(tomb.deletedAt);
    const history = await fullHistory(srv, b, group.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ body: null, deletedAt: tomb.deletedAt });
    const edit = await emitAck(sa, "message:edit", { messageId: m.id, body: "复活" });
    expect(edit).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("replies and @mentions notify the person live and in their notification list", async () => {
    const { group } = await buildGroup(srv);
    const a = await buildCaregiver(srv, { displayName: "安安妈妈" });
    const b = await buildCaregiver(srv, { displayName: "乐乐爸爸" });
    const ann = await buildCaregiver(srv, { displayName: "Ann" });
    const anna = await buildCaregiver(srv, { displayName: "Anna" });
    for (const u of [a, b, ann, anna]) await joinGroup(srv, u, group.id);
    const sa = await connectSocket(srv, a.token);
    const sb = await connectSocket(srv, b.token);
    const sAnn = await connectSocket(srv, ann.token);
    const annNotes = collect(sAnn, "notification:new");
    const question = await sendOk(sa, group.id, "请问康复训练怎么报名？");

    const replyNote = nextEvent(sa, "notification:new", (n) => n.kind === "reply");
    const reply = await sendOk(sb, group.id, "在街道服务站报名", { replyToSeq: question.seq });
    expect(reply.replyToSeq).toBe(question.seq);
    expect((await replyNote).payload).toMatchObject({
      groupId: group.id,
      messageId: reply.id,
      seq: reply.seq,
    });

    const mentionNote = nextEvent(sa, "notification:new", (n) => n.kind === "mention");
    const mention = await sendOk(sb, group.id, "@安安妈妈 还有@Anna 你们看看");
    expect(mention.mentions.sort()).toEqual([a.id, anna.id].sort());
    expect((await mentionNote).payload).toMatchObject({ messageId: mention.id, by: "乐乐爸爸" });
    await roundTrip(sAnn);
    expect(annNotes).toHaveLength(0);

    const list = await srv.http.get("/api/notifications").set("Authorization", a.auth);
    expect(list.body.notifications.map((n: Notification) => n.kind).sort()).toEqual(["mention", "reply"]);

    const badReply = await send(sb, group.id, "回复不存在的", { replyToSeq: 999 });
    expect(badReply).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });

  it("toggles emoji reactions with counts per emoji", async () => {
    const { group, a, b, sa, sb } = await twoMembersOnline(srv);
    const m = await sendOk(sa, group.id, "今天孩子第一次自己吃饭了");
    const react = (s: typeof sa, emoji: string) => emitAck(s, "message:react", { messageId: m.id, emoji });
    await react(sa, "👍");
    await react(sb, "👍");
    const live = nextEvent(sa, "message:updated", (x) => x.reactions.length === 2);
    const r3 = await react(sb, "❤️");
    expect(r3.ok && r3.message.reactions).toEqual([
      { emoji: "👍", count: 2, userIds: [a.id, b.id] },
      { emoji: "❤️", count: 1, userIds: [b.id] },
    ]);
    expect((await live).reactions).toHaveLength(2);
    const off = await react(sb, "👍");
    expect(off.ok && off.message.reactions).toEqual([
      { emoji: "👍", count: 1, userIds: [a.id] },
      { emoji: "❤️", count: 1, userIds: [b.id] },
    ]);
    for (const emoji of ["abc", "", "1", "👍".repeat(20), "<img>"]) {
      const bad = await react(sa, emoji);
      expect(bad, emoji).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    }
  });

  it("moderators pin and unpin; pinned messages are listed at the top of the group", async () => {
    const { group, moderator } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    const ms = await connectSocket(srv, moderator.token);
    const sa = await connectSocket(srv, a.token);
    const news = await sendOk(ms, group.id, "残疾儿童康复补贴申请步骤：1. 携带户口本……");
    await sendOk(sa, group.id, "谢谢社工");
    const denied = await srv.http.post(`/api/messages/${news.id}/pin`).set("Authorization", a.auth);
    expect(denied.status).toBe(403);
    const live = nextEvent(sa, "message:updated");
    const pin = await srv.http.post(`/api/messages/${news.id}/pin`).set("Authorization", moderator.auth);
    expect(pin.status).toBe(200);
    expect((await live).pinnedAt).toEqual(expect.any(String));
    const pins = await srv.http.get(`/api/groups/${group.id}/pins`).set("Authorization", a.auth);
    expect(pins.body.messages.map((m: Message) => m.id)).toEqual([news.id]);
    await srv.http.post(`/api/messages/${news.id}/unpin`).set("Authorization", moderator.auth).expect(200);
    const after = await srv.http.get(`/api/groups/${group.id}/pins`).set("Authorization", a.auth);
    expect(after.body.messages).toEqual([]);
  });

  it("only moderators post in announcement groups; members read and react", async () => {
    const { group, moderator } = await buildGroup(srv, { kind: "announcement", topic: "general" });
    const a = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    const ms = await connectSocket(srv, moderator.token);
    const sa = await connectSocket(srv, a.token);
    const arrived = nextEvent(sa, "message:new");
    const news = await sendOk(ms, group.id, "本周六社区活动通知");
    expect((await arrived).id).toBe(news.id);
    const refused = await send(sa, group.id, "我也想发");
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const reacted = await emitAck(sa, "message:react", {
      messageId: news.id,
      emoji: "🙏",
    });
    expect(reacted.ok).toBe(true);
    expect(await sqlCount(srv, sql`select count(*) as n from messages where group_id = ${group.id}`)).toBe(1);
  });

  it("keeps unread counts from the stored last-read seq", async () => {
    const { group } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    const b = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    await joinGroup(srv, b, group.id);
    const sb = await connectSocket(srv, b.token);
    const sa = await connectSocket(srv, a.token);
    await sendOk(sa, group.id, "我自己的不算未读");
    for (let i = 0; i < 3; i++) await sendOk(sb, group.id, `新消息 ${i}`);
    const mine = async () => {
      const res = await srv.http.get("/api/groups?member=true").set("Authorization", a.auth);
      return res.body.groups.find((g: { id: string }) => g.id === group.id);
    };
    expect(await mine()).toMatchObject({ unreadCount: 3, lastSeq: 4, lastReadSeq: 0 });
    const read = await emitAck(sa, "group:read", { groupId: group.id, seq: 3 });
    expect(read).toEqual({ ok: true, unreadCount: 1 });
    const http = await srv.http
      .post(`/api/groups/${group.id}/read`)
      .set("Authorization", a.auth)
      .send({ seq: 99 });
    expect(http.body).toEqual({ unreadCount: 0 });
    expect(await mine()).toMatchObject({ unreadCount: 0, lastReadSeq: 4 });
  });
});

describe("who may send", () => {
  it("refuses unknown groups and non-members without storing anything", async () => {
    const { group } = await buildGroup(srv);
    const outsider = await buildCaregiver(srv);
    const so = await connectSocket(srv, outsider.token);
    const nonMember = await send(so, group.id, "我还没加入");
    expect(nonMember).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const unknown = await send(so, randomUUID(), "没有这个群");
    expect(unknown).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(
      await sqlCount(srv, sql`select count(*) as n from messages where sender_id = ${outsider.id}`),
    ).toBe(0);
    expect(await sqlCount(srv, sql`select last_seq as n from groups where id = ${group.id}`)).toBe(0);
    expect(so.connected).toBe(true);
  });

  it("answers the shared result shape for a send", async () => {
    const { group } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    const sa = await connectSocket(srv, a.token);
    const ack = await send(sa, group.id, "hello");
    const expected: Ack<SendResult> = { ok: true, message: expect.any(Object) };
    expect(ack).toEqual(expected);
  });
});
