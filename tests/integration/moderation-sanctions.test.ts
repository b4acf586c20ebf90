import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import { ROUTES, type RouteSpec } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildAdmin,
  buildCaregiver,
  buildGroup,
  buildStaff,
  collect,
  connectSocket,
  joinGroup,
  nextEvent,
  roundTrip,
  send,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

async function memberGroup() {
  const { group, moderator } = await buildGroup(srv);
  const member = await buildCaregiver(srv, { displayName: "被处理的家长" });
  const peer = await buildCaregiver(srv);
  await joinGroup(srv, member, group.id);
  await joinGroup(srv, peer, group.id);
  return { group, moderator, member, peer };
}

describe("mute", () => {
  it("a muted member's send is refused with the reason and time left, and succeeds after expiry", async () => {
    const { group, moderator, member } = await memberGroup();
    const s = await connectSocket(srv, member.token);
    const told = nextEvent(s, "notification:new", (n) => n.kind === "muted");
    const res = await srv.http
      .post(`/api/groups/${group.id}/mutes`)
      .set("Authorization", moderator.auth)
      .send({ userId: member.id, minutes: 10, reason: "请冷静一下" });
    expect(res.status).toBe(201);
    expect(res.body.mute).toMatchObject({
      user: { id: member.id, displayName: "被处理的家长" },
      reason: "请冷静一下",
    });
    expect((await told).payload).toMatchObject({ groupId: group.id, reason: "请冷静一下" });

    const refused = await send(s, group.id, "我能说话吗");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe("MUTED");
    expect(refused.error.details).toMatchObject({ reason: "请冷静一下", until: res.body.mute.until });
    const left = refused.error.details!.retryAfterSeconds as number;
    expect(left).toBeGreaterThan(9 * 60);
    expect(left).toBeLessThanOrEqual(10 * 60);
    // The member still reads, and sees the reason and time left on the group.
    const history = await srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", member.auth);
    expect(history.status).toBe(200);
    const mine = await srv.http.get(`/api/groups/${group.id}`).set("Authorization", member.auth);
    expect(mine.body.mute).toEqual({ until: res.body.mute.until, reason: "请冷静一下" });
    const listed = await srv.http.get(`/api/groups/${group.id}/mutes`).set("Authorization", moderator.auth);
    expect(listed.body.mutes.map((m: { user: { id: string } }) => m.user.id)).toEqual([member.id]);

    // Let the mute run out by moving its end in the database (no job: the expiry is checked on send).
    const endsIn = (interval: string) =>
      sqlRows(
        srv,
        sql`update group_mutes set until = now() + ${interval}::interval where user_id = ${member.id}`,
      );
    await endsIn("1 minute");
    expect(await send(s, group.id, "还不行")).toMatchObject({ ok: false, error: { code: "MUTED" } });
    await endsIn("-1 second");
    expect((await sendOk(s, group.id, "我回来了")).body).toBe("我回来了");
    expect(
      (await srv.http.get(`/api/groups/${group.id}`).set("Authorization", member.auth)).body.mute,
    ).toBeNull();
  });

  it("a mute can be lifted early; moderators are exempt from peers' sanctions", async () => {
    const { group, moderator, member } = await memberGroup();
    await srv.http
      .post(`/api/groups/${group.id}/mutes`)
      .set("Authorization", moderator.auth)
      .send({ userId: member.id, minutes: 60 * 24, reason: "一天" })
      .expect(201);
    const s = await connectSocket(srv, member.token);
    expect(await send(s, group.id, "x")).toMatchObject({ ok: false, error: { code: "MUTED" } });
    const lift = await srv.http
      .post(`/api/groups/${group.id}/mutes/${member.id}/lift`)
      .set("Authorization", moderator.auth)
      .send({ reason: "已沟通" });
    expect(lift.status).toBe(200);
    expect((await sendOk(s, group.id, "谢谢社工")).body).toBe("谢谢社工");
    const again = await srv.http
      .post(`/api/groups/${group.id}/mutes/${member.id}/lift`)
      .set("Authorization", moderator.auth)
      .send({});
    expect(again.status).toBe(409);

    const sw2 = await buildStaff(srv, "social_worker");
    await srv.http
      .post(`/api/groups/${group.id}/moderators`)
      .set("Authorization", moderator.auth)
      .send({ userId: sw2.id })
      .expect(200);
    const onModerator = await srv.http
      .post(`/api/groups/${group.id}/mutes`)
      .set("Authorization", moderator.auth)
      .send({ userId: sw2.id, minutes: 5, reason: "x" });
    expect(onModerator.status).toBe(403);
    for (const body of [
      { userId: member.id, minutes: 0, reason: "x" },
      { userId: member.id, minutes: 60 * 24 * 31, reason: "x" },
      { userId: member.id, minutes: 5 },
      { userId: member.id, minutes: 5, reason: "   " },
    ]) {
      const bad = await srv.http
        .post(`/api/groups/${group.id}/mutes`)
        .set("Authorization", moderator.auth)
        .send(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("remove and ban", () => {
  it("a banned member stops receiving at once and cannot rejoin or receive until unbanned", async () => {
    const { group, moderator, member, peer } = await memberGroup();
    const sm = await connectSocket(srv, member.token);
    const sp = await connectSocket(srv, peer.token);
    const seen = collect(sm, "message:new");
    const told = nextEvent(sm, "group:membership");
    const ban = await srv.http
      .post(`/api/groups/${group.id}/bans`)
      .set("Authorization", moderator.auth)
      .send({ userId: member.id, reason: "骚扰其他家长" });
    expect(ban.status).toBe(201);
    expect(await told).toEqual({ groupId: group.id, status: "banned", reason: "骚扰其他家长" });
    await sendOk(sp, group.id, "封禁之后");
    await roundTrip(sm);
    expect(seen).toEqual([]);

    const rejoin = await srv.http.post(`/api/groups/${group.id}/join`).set("Authorization", member.auth);
    expect(rejoin.status).toBe(403);
    expect(rejoin.body.error.code).toBe("BANNED");
    expect(await send(sm, group.id, "我还在吗")).toMatchObject({ ok: false, error: { code: "BANNED" } });
    // A fresh connection does not join the group either.
    const fresh = await connectSocket(srv, member.token);
    const freshSeen = collect(fresh, "message:new");
    await sendOk(sp, group.id, "新连接也收不到");
    await roundTrip(fresh);
    expect(freshSeen).toEqual([]);
    const bans = await srv.http.get(`/api/groups/${group.id}/bans`).set("Authorization", moderator.auth);
    expect(bans.body.bans).toEqual([
      expect.objectContaining({
        user: { id: member.id, displayName: "被处理的家长" },
        reason: "骚扰其他家长",
      }),
    ]);
    const twice = await srv.http
      .post(`/api/groups/${group.id}/bans`)
      .set("Authorization", moderator.auth)
      .send({ userId: member.id, reason: "again" });
    expect(twice.status).toBe(409);

    await srv.http
      .post(`/api/groups/${group.id}/bans/${member.id}/lift`)
      .set("Authorization", moderator.auth)
      .send({ reason: "已道歉" })
      .expect(200);
    await joinGroup(srv, member, group.id);
    const back = nextEvent(fresh, "message:new");
    await sendOk(sp, group.id, "欢迎回来");
    expect((await back).body).toBe("欢迎回来");
  });

  it("a removed member may rejoin", async () => {
    const { group, moderator, member } = await memberGroup();
    await srv.http
      .post(`/api/groups/${group.id}/members/${member.id}/remove`)
      .set("Authorization", moderator.auth)
      .send({ reason: "请先阅读群规" })
      .expect(200);
    const notes = await srv.http.get("/api/notifications").set("Authorization", member.auth);
    expect(notes.body.notifications[0]).toMatchObject({
      kind: "removed",
      payload: { groupId: group.id, banned: false, reason: "请先阅读群规" },
    });
    await joinGroup(srv, member, group.id);
    const again = await srv.http
      .post(`/api/groups/${group.id}/members/${member.id}/remove`)
      .set("Authorization", moderator.auth)
      .send({ reason: "x" });
    expect(again.status).toBe(200);
    const notMember = await srv.http
      .post(`/api/groups/${group.id}/members/${member.id}/remove`)
      .set("Authorization", moderator.auth)
      .send({ reason: "x" });
    expect(notMember.status).toBe(400);
  });

  it("an admin disabling an account ends all its sessions at once", async () => {
    const { group, member } = await memberGroup();
    const admin = await buildAdmin(srv);
    const phone = await connectSocket(srv, member.token);
    const tablet = await connectSocket(srv, member.token);
    const ended = nextEvent(tablet, "session:ended");
    const gone = new Promise((r) => phone.once("disconnect", r));
    await srv.http.post(`/api/admin/users/${member.id}/disable`).set("Authorization", admin.auth).expect(200);
    expect(await ended).toEqual({ reason: "disabled" });
    await gone;
    const http = await srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", member.auth);
    expect(http.status).toBe(403);
    expect(http.body.error.code).toBe("ACCOUNT_DISABLED");
  });
});

describe("slow mode and rate limits", () => {
  it("slow mode lets a member post once per N seconds (moderators exempt), with the seconds to wait", async () => {
    const { group, moderator } = await buildGroup(srv, { slowModeSeconds: 2 });
    const member = await buildCaregiver(srv);
    await joinGroup(srv, member, group.id);
    const s = await connectSocket(srv, member.token);
    const ms = await connectSocket(srv, moderator.token);
    await sendOk(s, group.id, "第一条");
    const second = await send(s, group.id, "第二条");
    expect(second).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", details: { slowModeSeconds: 2 } },
    });
    if (!second.ok) expect(second.error.details!.retryAfterSeconds).toBeLessThanOrEqual(2);
    for (let i = 0; i < 3; i++) await sendOk(ms, group.id, `社工 ${i}`);
    // The slow-mode window passes: move the member's last post back in the database.
    await sqlRows(
      srv,
      sql`update group_members set last_posted_at = last_posted_at - interval '2100 milliseconds'
          where group_id = ${group.id} and user_id = ${member.id}`,
    );
    await sendOk(s, group.id, "第二条");
    const http = await srv.http
      .post(`/api/groups/${group.id}/messages`)
      .set("Authorization", member.auth)
      .send({ clientId: randomUUID(), body: "太快" });
    expect(http.status).toBe(429);
    expect(Number(http.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    const rows = await sqlRows<{ n: number | string }>(
      srv,
      sql`select count(*) as n from messages where group_id = ${group.id} and sender_id = ${member.id}`,
    );
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it("limits each user to 10 messages per 10 seconds across groups, answering the seconds to wait", async () => {
    const { group } = await buildGroup(srv);
    const { group: other } = await buildGroup(srv);
    const member = await buildCaregiver(srv);
    await joinGroup(srv, member, group.id);
    await joinGroup(srv, member, other.id);
    const s = await connectSocket(srv, member.token);
    for (let i = 0; i < 10; i++) await sendOk(s, i % 2 ? group.id : other.id, `消息 ${i}`);
    const eleventh = await send(s, group.id, "第十一条");
    expect(eleventh).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    if (!eleventh.ok) {
      expect(eleventh.error.details!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(eleventh.error.details!.retryAfterSeconds).toBeLessThanOrEqual(10);
    }
    // The limit is per user: other members are not affected.
    const peer = await buildCaregiver(srv);
    await joinGroup(srv, peer, group.id);
    const ps = await connectSocket(srv, peer.token);
    expect((await sendOk(ps, group.id, "别人不受影响")).body).toBe("别人不受影响");
  });
});

describe("who may moderate", () => {
  it("a caregiver cannot call any moderation endpoint or see the queue (403)", async () => {
    const { group } = await memberGroup();
    const caregiver = await buildCaregiver(srv);
    await joinGroup(srv, caregiver, group.id);
    const id = randomUUID();
    const moderation = Object.entries(ROUTES).filter(([, r]) => (r as RouteSpec).tag === "moderation");
    expect(moderation.length).toBeGreaterThanOrEqual(20);
    for (const [name, r] of moderation as [string, RouteSpec][]) {
      const path = r.path
        .replace(":id", r.path.startsWith("/api/groups") ? group.id : id)
        .replace(":userId", id);
      const res = await srv.http[r.method](path).set("Authorization", caregiver.auth).send({});
      expect(res.status, `${name} ${r.method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const staff = await buildStaff(srv, "station_staff");
    const queue = await srv.http.get("/api/moderation/queue").set("Authorization", staff.auth);
    expect(queue.status).toBe(403);
  });

  it("a moderator of group A cannot moderate group B", async () => {
    const a = await memberGroup();
    const b = await memberGroup();
    const sb = await connectSocket(srv, b.peer.token);
    const msg = await sendOk(sb, b.group.id, "B 组的消息");
    const swA = a.moderator;
    const gB = b.group.id;
    const attempts: [string, string, object | undefined][] = [
      ["post", `/api/groups/${gB}/mutes`, { userId: b.member.id, minutes: 5, reason: "x" }],
      ["post", `/api/groups/${gB}/mutes/${b.member.id}/lift`, {}],
      ["post", `/api/groups/${gB}/members/${b.member.id}/remove`, { reason: "x" }],
      ["post", `/api/groups/${gB}/bans`, { userId: b.member.id, reason: "x" }],
      ["post", `/api/groups/${gB}/bans/${b.member.id}/lift`, {}],
      ["get", `/api/groups/${gB}/mutes`, undefined],
      ["get", `/api/groups/${gB}/bans`, undefined],
      ["patch", `/api/groups/${gB}`, { slowModeSeconds: 60 }],
      ["post", `/api/groups/${gB}/moderators`, { userId: swA.id }],
      ["post", `/api/messages/${msg.id}/pin`, undefined],
      ["post", `/api/moderation/messages/${msg.id}/delete`, { reason: "x" }],
      ["post", `/api/moderation/messages/${msg.id}/hide`, { reason: "x" }],
      ["post", `/api/moderation/messages/${msg.id}/restore`, { reason: "x" }],
      ["post", `/api/moderation/messages/${msg.id}/resolve`, { action: "dismiss", reason: "x" }],
      ["get", `/api/moderation/queue?groupId=${gB}`, undefined],
      ["get", `/api/moderation/alerts?groupId=${gB}`, undefined],
      ["get", `/api/moderation/dashboard?groupId=${gB}`, undefined],
      ["get", `/api/moderation/audit?groupId=${gB}`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const req = (srv.http as unknown as Record<string, (p: string) => ReturnType<typeof srv.http.get>>)[
        method
      ]!(path).set("Authorization", swA.auth);
      const res = await (body ? req.send(body) : req);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    // Nothing changed in group B.
    const [state] = await sqlRows<Record<string, string | number | null>>(
      srv,
      sql`select g.slow_mode_seconds,
                 (select count(*) from group_mutes where group_id = g.id) as mutes,
                 (select count(*) from group_bans where group_id = g.id) as bans,
                 (select count(*) from group_members where group_id = g.id) as members,
                 (select count(*) from audit_log where group_id = g.id and action <> 'group_created') as audits,
                 (select hidden_at is null and deleted_at is null and pinned_at is null from messages where id = ${msg.id}) as untouched
          from groups g where g.id = ${gB}`,
    );
    expect(state).toMatchObject({ slow_mode_seconds: 0, untouched: true });
    expect([state!.mutes, state!.bans, state!.members, state!.audits].map(Number)).toEqual([0, 0, 3, 0]);
    // ...while the same social worker moderates group A normally.
    await srv.http
      .post(`/api/groups/${a.group.id}/mutes`)
      .set("Authorization", swA.auth)
      .send({ userId: a.member.id, minutes: 5, reason: "A 组" })
      .expect(201);
  });
});
