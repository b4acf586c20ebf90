import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import {
  buildAdmin,
  buildCaregiver,
  buildGroup,
  collect,
  connectSocket,
  emitAck,
  emitAckRaw,
  emitRaw,
  joinGroup,
  nextEvent,
  roundTrip,
  send,
  sendOk,
  sqlOne,
  twoMembersOnline,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

const srv = useTestServer({}, { captureLogs: true });

describe("connecting", () => {
  it("refuses a socket without a valid token, or of a disabled user, with a clear code", async () => {
    await expect(connectSocket(srv, undefined)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(connectSocket(srv, "not-a-token")).rejects.toMatchObject({
      data: { code: "UNAUTHENTICATED" },
    });
    const c = await buildCaregiver(srv);
    const admin = await buildAdmin(srv);
    await srv.http.post(`/api/admin/users/${c.id}/disable`).set("Authorization", admin.auth).expect(200);
    await expect(connectSocket(srv, c.token)).rejects.toMatchObject({ data: { code: "ACCOUNT_DISABLED" } });
  });
});

describe("removal and leaving", () => {
  it("a user removed from a group stops receiving at once, on every device", async () => {
    const { group, moderator } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    const b = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    await joinGroup(srv, b, group.id);
    const sa = await connectSocket(srv, a.token);
    const phone = await connectSocket(srv, b.token);
    const tablet = await connectSocket(srv, b.token);
    const seenPhone = collect(phone, "message:new");
    const seenTablet = collect(tablet, "message:new");
    await sendOk(sa, group.id, "移出之前");
    await until(() => seenPhone.length >= 1 && seenTablet.length >= 1, {
      what: "the message on both devices",
    });
    await Promise.all([roundTrip(phone), roundTrip(tablet)]);
    expect(seenPhone).toHaveLength(1);
    expect(seenTablet).toHaveLength(1);

    const told = nextEvent(phone, "group:membership");
    const res = await srv.http
      .post(`/api/groups/${group.id}/members/${b.id}/remove`)
      .set("Authorization", moderator.auth)
      .send({ reason: "多次发广告" });
    expect(res.status).toBe(200);
    expect(await told).toEqual({ groupId: group.id, status: "removed", reason: "多次发广告" });

    await sendOk(sa, group.id, "移出之后");
    await Promise.all([roundTrip(phone), roundTrip(tablet)]);
    expect(seenPhone.map((m) => m.body)).toEqual(["移出之前"]);
    expect(seenTablet.map((m) => m.body)).toEqual(["移出之前"]);
    expect(await send(phone, group.id, "我还在吗")).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    const history = await srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", b.auth);
    expect(history.status).toBe(403);
    const typing = await emitAck(tablet, "typing", { groupId: group.id });
    expect(typing).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const sub = await emitAck(tablet, "group:subscribe", { groupId: group.id });
    expect(sub).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(phone.connected && tablet.connected).toBe(true);
  });

  it("leaving stops live messages at once", async () => {
    const { group, b, sa, sb } = await twoMembersOnline(srv);
    const seen = collect(sb, "message:new");
    const left = await srv.http.post(`/api/groups/${group.id}/leave`).set("Authorization", b.auth);
    expect(left.status).toBe(200);
    expect(left.body.isMember).toBe(false);
    await sendOk(sa, group.id, "还有人吗");
    await roundTrip(sb);
    expect(seen).toEqual([]);
  });

  it("a non-member cannot subscribe, read history, catch up or receive live messages", async () => {
    const { group } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    const outsider = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    const sa = await connectSocket(srv, a.token);
    const so = await connectSocket(srv, outsider.token);
    const seen = collect(so, "message:new");
    expect(await emitAck(so, "group:subscribe", { groupId: group.id })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await emitAck(so, "group:sync", { groupId: group.id, sinceChangeSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await emitAck(so, "group:presence", { groupId: group.id })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    for (const path of ["messages", "changes?since=0", "pins", "members"]) {
      const res = await srv.http.get(`/api/groups/${group.id}/${path}`).set("Authorization", outsider.auth);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const m = await sendOk(sa, group.id, "只给成员看");
    await roundTrip(so);
    expect(seen).toEqual([]);
    // A message id of a group you are not in is simply not found.
    const edits = await srv.http.get(`/api/messages/${m.id}/edits`).set("Authorization", outsider.auth);
    expect(edits.status).toBe(404);
    const react = await emitAck(so, "message:react", { messageId: m.id, emoji: "👍" });
    expect(react).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("typing and presence", () => {
  it("relays typing to the other members, throttled, and never back to the typist", async () => {
    const { group, a, sa, sb } = await twoMembersOnline(srv, { a: "打字的妈妈" });
    const atB = collect(sb, "typing");
    const atA = collect(sa, "typing");
    for (let i = 0; i < 4; i++)
      expect(await emitAck(sa, "typing", { groupId: group.id })).toEqual({ ok: true });
    await emitAck(sa, "typing", { groupId: group.id, isTyping: false });
    await until(() => atB.length >= 2, { what: "typing and stopped typing at B" });
    await Promise.all([roundTrip(sa), roundTrip(sb)]);
    expect(atB).toEqual([
      { groupId: group.id, user: { id: a.id, displayName: "打字的妈妈", role: "member" }, isTyping: true },
      { groupId: group.id, user: { id: a.id, displayName: "打字的妈妈", role: "member" }, isTyping: false },
    ]);
    expect(atA).toEqual([]);
    const stored = await sqlOne<{ n: string | number }>(
      srv,
      sql`select count(*) as n from messages where group_id = ${group.id}`,
    );
    expect(Number(stored.n)).toBe(0);
  });

  it("announces who is online, respecting members who hide their presence", async () => {
    const { group } = await buildGroup(srv);
    const a = await buildCaregiver(srv, { displayName: "在线妈妈" });
    const b = await buildCaregiver(srv, { displayName: "在线爸爸" });
    const shy = await buildCaregiver(srv, { displayName: "隐身奶奶" });
    for (const u of [a, b, shy]) await joinGroup(srv, u, group.id);
    await srv.http.patch("/api/me").set("Authorization", shy.auth).send({ showPresence: false }).expect(200);

    const sa = await connectSocket(srv, a.token);
    const withB = nextEvent(sa, "presence", (p) => p.groupId === group.id && p.onlineCount === 2);
    const sb = await connectSocket(srv, b.token);
    const p2 = await withB;
    expect(p2.online.map((m) => m.displayName).sort()).toEqual(["在线妈妈", "在线爸爸"].sort());
    expect(Object.keys(p2.online[0]!).sort()).toEqual(["displayName", "id", "role"]);

    const ss = await connectSocket(srv, shy.token);
    const asked = await emitAck(ss, "group:presence", { groupId: group.id });
    expect(asked.ok && asked.presence.onlineCount).toBe(2);
    expect(asked.ok && asked.presence.online.map((m) => m.id)).not.toContain(shy.id);
    const members = await srv.http.get(`/api/groups/${group.id}/members`).set("Authorization", a.auth);
    const online = Object.fromEntries(
      members.body.members.map((m: { id: string; online: boolean }) => [m.id, m.online]),
    );
    expect(online).toMatchObject({ [a.id]: true, [b.id]: true, [shy.id]: false });
    expect(JSON.stringify(members.body)).not.toContain("@");

    const withoutB = nextEvent(sa, "presence", (p) => p.groupId === group.id && p.onlineCount === 1);
    sb.disconnect();
    expect((await withoutB).online.map((m) => m.id)).toEqual([a.id]);

    const sub = await emitAck(sa, "group:subscribe", { groupId: group.id });
    expect(sub).toMatchObject({ ok: true, changeSeq: 0, lastSeq: 0, presence: { onlineCount: 1 } });
  });
});

describe("bad input", () => {
  it("rejects malformed payloads of every event without side effects, keeping the connection up", async () => {
    const { group, a, sa, sb } = await twoMembersOnline(srv);
    const m = await sendOk(sb, group.id, "一条正常的消息");
    const seenB = collect(sb, "message:new");
    const updatesB = collect(sb, "message:updated");
    const typingB = collect(sb, "typing");
    const logsBefore = srv.logs.length;

    const common: unknown[] = [
      undefined,
      null,
      42,
      "text",
      [],
      true,
      { groupId: "nope" },
      { __proto__: { x: 1 } },
    ];
    const g = group.id;
    const cases: Record<string, unknown[]> = {
      "message:send": [
        ...common,
        { groupId: g, body: "missing clientId" },
        { groupId: g, clientId: "not-a-uuid", body: "x" },
        { groupId: g, clientId: randomUUID(), body: 42 },
        { groupId: g, clientId: randomUUID(), body: "x".repeat(5000) },
        { groupId: g, clientId: randomUUID(), body: "   " },
        { groupId: g, clientId: randomUUID(), body: "ok", replyToSeq: -1 },
        { groupId: g, clientId: randomUUID(), body: "ok", replyToSeq: 1.5 },
        { groupId: g, clientId: randomUUID(), body: "ok", extra: true },
        { groupId: [g], clientId: randomUUID(), body: "ok" },
      ],
      "message:edit": [
        ...common,
        { messageId: m.id },
        { messageId: m.id, body: "" },
        { messageId: "x", body: "y" },
      ],
      "message:delete": [...common, { messageId: 1 }, { messageId: m.id, extra: 1 }],
      "message:react": [
        ...common,
        { messageId: m.id },
        { messageId: m.id, emoji: "notemoji" },
        { emoji: "👍" },
      ],
      "group:sync": [
        ...common,
        { groupId: g },
        { groupId: g, sinceChangeSeq: -1 },
        { groupId: g, sinceChangeSeq: 0, limit: 10_000 },
      ],
      "group:subscribe": [...common, { groupId: g, more: 1 }],
      "group:presence": [...common, { group: g }],
      "group:read": [...common, { groupId: g }, { groupId: g, seq: "3" }, { groupId: g, seq: -1 }],
      typing: [...common, { groupId: g, isTyping: "yes" }],
    };
    for (const [event, payloads] of Object.entries(cases)) {
      for (const payload of payloads) {
        const ack = await emitAckRaw(sa, event, [payload]);
        expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { code: "VALIDATION_FAILED", message: expect.any(String) },
        });
      }
      // Without an ack callback the socket gets an `error` event instead.
      const err = nextEvent(sa, "error");
      emitRaw(sa, event, { nonsense: true });
      expect((await err).code).toBe("VALIDATION_FAILED");
    }
    // Unknown events are ignored; the connection stays up.
    emitRaw(sa, "no:such:event", { x: 1 });
    expect(await emitAck(sa, "group:presence", { groupId: g })).toMatchObject({ ok: true });
    expect(sa.connected).toBe(true);

    await roundTrip(sb);
    expect(seenB).toEqual([]);
    expect(updatesB).toEqual([]);
    expect(typingB).toEqual([]);
    const state = await sqlOne<{ last_seq: string | number; change_seq: string | number }>(
      srv,
      sql`select last_seq, change_seq from groups where id = ${g}`,
    );
    expect([Number(state.last_seq), Number(state.change_seq)]).toEqual([1, 1]);
    const row = await sqlOne<{ body: string; n: string | number }>(
      srv,
      sql`select body, (select count(*) from message_reactions where message_id = ${m.id}) as n from messages where id = ${m.id}`,
    );
    expect(row.body).toBe("一条正常的消息");
    expect(Number(row.n)).toBe(0);
    const read = await sqlOne<{ last_read_seq: string | number }>(
      srv,
      sql`select last_read_seq from group_members where group_id = ${g} and user_id = ${a.id}`,
    );
    expect(Number(read.last_read_seq)).toBe(0);
    const newLogs = srv.logs.slice(logsBefore).map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(newLogs.filter((l) => l.level >= 50)).toEqual([]);
    expect(srv.logs.slice(logsBefore).join("\n")).not.toMatch(/\n\s+at /);
  });

  it("refuses a send with an oversized frame by closing only that transport; the server keeps serving", async () => {
    const { group } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    const s = await connectSocket(srv, a.token);
    const closed = new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason)));
    s.emit("message:send", { groupId: group.id, clientId: randomUUID(), body: "x".repeat(200_000) });
    expect(await closed).toMatch(/transport/);
    const again = await connectSocket(srv, a.token);
    expect((await sendOk(again, group.id, "还能发")).seq).toBe(1);
  });
});
