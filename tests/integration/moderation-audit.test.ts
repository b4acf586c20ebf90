import { sql } from "@carecircle/server";
import type { AuditEntry } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildAdmin,
  buildCaregiver,
  buildGroup,
  buildStaff,
  connectSocket,
  emitAck,
  joinGroup,
  nextEvent,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { startServer, useTestServer } from "../setup/server.js";

const srv = useTestServer();

async function audit(who: Account, query = ""): Promise<AuditEntry[]> {
  const res = await srv.http.get(`/api/moderation/audit${query}`).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.entries;
}

describe("audit log", () => {
  it("every moderation action appears exactly once, with actor, target, group and reason, and no message text", async () => {
    const { group, moderator: sw } = await buildGroup(srv);
    const admin = await buildAdmin(srv);
    const [x, y, z, r] = [
      await buildCaregiver(srv, { displayName: "成员X" }),
      await buildCaregiver(srv, { displayName: "成员Y" }),
      await buildCaregiver(srv, { displayName: "成员Z" }),
      await buildCaregiver(srv, { displayName: "举报人" }),
    ];
    for (const u of [x, y, z, r]) await joinGroup(srv, u, group.id);
    const sx = await connectSocket(srv, x.token);
    const sy = await connectSocket(srv, y.token);
    const ms = await connectSocket(srv, sw.token);
    const post = (path: string, body: object = {}, who = sw) =>
      srv.http.post(path).set("Authorization", who.auth).send(body);

    const a = await sendOk(sx, group.id, "消息A");
    const b = await sendOk(sy, group.id, "需要删除的私人信息 B-SECRET");
    const c = await sendOk(sx, group.id, "消息C");
    const d = await sendOk(sy, group.id, "消息D");
    await post(`/api/messages/${a.id}/pin`).expect(200);
    await post(`/api/messages/${a.id}/unpin`).expect(200);
    await post(`/api/moderation/messages/${a.id}/hide`, { reason: "先隐藏核实" }).expect(200);
    await post(`/api/moderation/messages/${a.id}/restore`, { reason: "核实无误" }).expect(200);
    await post(`/api/moderation/messages/${b.id}/delete`, { reason: "含他人隐私" }).expect(200);
    // Deleting again changes nothing and is not audited twice.
    await post(`/api/moderation/messages/${b.id}/delete`, { reason: "again" }).expect(200);
    await post(`/api/groups/${group.id}/mutes`, { userId: x.id, minutes: 30, reason: "刷屏" }).expect(201);
    await post(`/api/groups/${group.id}/mutes/${x.id}/lift`, { reason: "已沟通" }).expect(200);
    await post(`/api/messages/${c.id}/reports`, { reason: "harassment" }, r).expect(201);
    await post(`/api/moderation/messages/${c.id}/resolve`, { action: "remove", reason: "辱骂他人" }).expect(
      200,
    );
    await post(`/api/groups/${group.id}/bans`, { userId: y.id, reason: "多次骚扰" }).expect(201);
    await post(`/api/groups/${group.id}/bans/${y.id}/lift`, { reason: "申诉通过" }).expect(200);
    await post(`/api/messages/${d.id}/reports`, { reason: "spam" }, r).expect(201);
    await post(`/api/moderation/messages/${d.id}/resolve`, { action: "dismiss", reason: "不是广告" }).expect(
      200,
    );
    const sz = await connectSocket(srv, z.token);
    const alerted = nextEvent(ms, "moderation:alert");
    await sendOk(sz, group.id, "我想死");
    const alert = await alerted;
    await post(`/api/moderation/alerts/${alert.id}/acknowledge`, { note: "已联系家属" }).expect(200);
    const word = await post("/api/moderation/watched-words", { phrase: "审计测试词", action: "flag" });
    expect(word.status).toBe(201);
    await srv.http
      .patch(`/api/moderation/watched-words/${word.body.id}`)
      .set("Authorization", sw.auth)
      .send({ action: "block" })
      .expect(200);
    await srv.http
      .delete(`/api/moderation/watched-words/${word.body.id}`)
      .set("Authorization", sw.auth)
      .expect(200);
    await post(`/api/admin/users/${z.id}/disable`, {}, admin).expect(200);

    const inGroup = await audit(sw, `?groupId=${group.id}`);
    const count = (entries: AuditEntry[]) =>
      entries.reduce<Record<string, number>>((acc, e) => {
        acc[e.action] = (acc[e.action] ?? 0) + 1;
        return acc;
      }, {});
    expect(count(inGroup)).toEqual({
      group_created: 1,
      message_pinned: 1,
      message_unpinned: 1,
      message_hidden: 1,
      message_restored: 1,
      message_deleted: 1,
      member_muted: 1,
      member_unmuted: 1,
      member_removed: 1,
      report_actioned: 1,
      member_banned: 1,
      member_unbanned: 1,
      report_dismissed: 1,
      alert_acknowledged: 1,
    });
    const byAction = Object.fromEntries(inGroup.map((e) => [e.action, e]));
    expect(byAction.member_muted).toMatchObject({
      actor: { id: sw.id, displayName: sw.displayName },
      targetUser: { id: x.id, displayName: "成员X" },
      groupId: group.id,
      reason: "刷屏",
      after: { minutes: 30 },
    });
    expect(byAction.message_deleted).toMatchObject({
      messageId: b.id,
      targetUser: { id: y.id },
      reason: "含他人隐私",
    });
    expect(byAction.report_actioned).toMatchObject({
      after: { action: "remove", reports: 1 },
      reason: "辱骂他人",
    });
    expect(byAction.alert_acknowledged).toMatchObject({ reason: "已联系家属", messageId: alert.messageId });
    expect(JSON.stringify(inGroup)).not.toContain("B-SECRET");
    // Newest first, with keyset pages.
    const ids = inGroup.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((p, q) => q - p));
    const page = await audit(sw, `?groupId=${group.id}&limit=5&before=${ids[2]}`);
    expect(page.map((e) => e.id)).toEqual(ids.slice(3, 8));

    // Platform-wide entries (watched words, accounts) are for admins.
    const all = await audit(admin);
    const platform = all.filter((e) => e.groupId === null);
    const wordEntries = platform.filter((e) => JSON.stringify(e).includes(word.body.id));
    expect(wordEntries.map((e) => e.action).sort()).toEqual([
      "watched_word_added",
      "watched_word_changed",
      "watched_word_removed",
    ]);
    expect(wordEntries.find((e) => e.action === "watched_word_changed")).toMatchObject({
      before: { action: "flag" },
      after: { action: "block" },
    });
    expect(platform.filter((e) => e.action === "account_disabled" && e.targetUser?.id === z.id)).toHaveLength(
      1,
    );
    expect((await audit(sw)).every((e) => e.groupId === group.id)).toBe(true);

    // Another social worker sees none of it.
    const other = await buildStaff(srv, "social_worker");
    expect(await audit(other)).toEqual([]);
    expect(
      (await srv.http.get(`/api/moderation/audit?groupId=${group.id}`).set("Authorization", other.auth))
        .status,
    ).toBe(403);
  });

  it("cannot be changed or deleted, through the API or in the database", async () => {
    const { moderator } = await buildGroup(srv);
    const [entry] = await audit(moderator);
    for (const method of ["patch", "put", "delete"] as const) {
      const res = await srv.http[method](`/api/moderation/audit/${entry!.id}`).set(
        "Authorization",
        moderator.auth,
      );
      expect(res.status).toBe(404);
    }
    await expect(
      sqlRows(srv, sql`update audit_log set reason = 'rewritten' where id = ${entry!.id}`),
    ).rejects.toThrow();
    await expect(sqlRows(srv, sql`delete from audit_log where id = ${entry!.id}`)).rejects.toThrow();
    const [still] = await audit(moderator);
    expect(still).toEqual(entry);
  });
});

describe("retention", () => {
  it("purge removes bodies of messages deleted longer ago than the window, and nothing else; idempotently", async () => {
    const { group, moderator } = await buildGroup(srv);
    const author = await buildCaregiver(srv);
    await joinGroup(srv, author, group.id);
    const s = await connectSocket(srv, author.token);
    const old = await sendOk(s, group.id, "旧的已删除 OLD-SECRET");
    await emitAck(s, "message:edit", { messageId: old.id, body: "改过的旧消息 OLD-SECRET-2" });
    const recent = await sendOk(s, group.id, "最近删除的");
    const kept = await sendOk(s, group.id, "很久以前但没删除");
    const hidden = await sendOk(s, group.id, "被隐藏但没删除");
    const byMod = await sendOk(s, group.id, "社工删除的 MOD-SECRET");
    await emitAck(s, "message:delete", { messageId: old.id });
    await emitAck(s, "message:delete", { messageId: recent.id });
    await srv.http
      .post(`/api/moderation/messages/${hidden.id}/hide`)
      .set("Authorization", moderator.auth)
      .send({ reason: "x" })
      .expect(200);
    await srv.http
      .post(`/api/moderation/messages/${byMod.id}/delete`)
      .set("Authorization", moderator.auth)
      .send({ reason: "不当内容" })
      .expect(200);
    await sqlRows(
      srv,
      sql`update messages set deleted_at = now() - interval '31 days' where id in (${old.id}, ${byMod.id})`,
    );
    await sqlRows(
      srv,
      sql`update messages set deleted_at = now() - interval '29 days' where id = ${recent.id}`,
    );
    await sqlRows(
      srv,
      sql`update messages set created_at = now() - interval '90 days', hidden_at = now() - interval '60 days'
          where id in (${kept.id}, ${hidden.id})`,
    );
    const before = await sqlRows(
      srv,
      sql`select id, body, change_seq from messages where group_id = ${group.id} order by seq`,
    );

    const first = await srv.cc.services.chat.retention.purgeDeletedBodies();
    expect(first.purged).toBeGreaterThanOrEqual(2);
    const rows = await sqlRows<{ id: string; body: string | null; purged_at: unknown; change_seq: unknown }>(
      srv,
      sql`select id, body, purged_at, change_seq from messages where group_id = ${group.id} order by seq`,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[old.id]).toMatchObject({ body: null, purged_at: expect.anything() });
    expect(byId[byMod.id]).toMatchObject({ body: null, purged_at: expect.anything() });
    expect(byId[recent.id]).toMatchObject({ body: "最近删除的", purged_at: null });
    expect(byId[kept.id]).toMatchObject({ body: "很久以前但没删除", purged_at: null });
    expect(byId[hidden.id]).toMatchObject({ body: "被隐藏但没删除", purged_at: null });
    expect(rows.map((r) => Number(r.change_seq))).toEqual(before.map((r) => Number(r.change_seq)));
    const edits = await sqlRows<{ previous_body: string | null }>(
      srv,
      sql`select previous_body from message_edits where message_id = ${old.id}`,
    );
    expect(edits).toEqual([{ previous_body: null }]);
    const anywhere = await sqlRows<{ n: number | string }>(
      srv,
      sql`select (select count(*) from messages where group_id = ${group.id} and body like '%SECRET%')
               + (select count(*) from message_edits e join messages m on m.id = e.message_id
                  where m.group_id = ${group.id} and e.previous_body like '%SECRET%')
               + (select count(*) from audit_log where group_id = ${group.id}
                  and coalesce(reason, '') || coalesce(before::text, '') || coalesce(after::text, '') like '%SECRET%') as n`,
    );
    expect(Number(anywhere[0]!.n)).toBe(0);
    // The deletion itself is still on record.
    const deletions = await audit(moderator, `?groupId=${group.id}`);
    expect(deletions.filter((e) => e.action === "message_deleted" && e.messageId === byMod.id)).toHaveLength(
      1,
    );

    const second = await srv.cc.services.chat.retention.purgeDeletedBodies();
    expect(second.purged).toBe(0);
    const history = await srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", author.auth);
    expect(history.body.messages.find((m: { id: string }) => m.id === old.id)).toMatchObject({
      body: null,
      deletedAt: expect.any(String),
    });
  });

  it("uses the configured number of days", async () => {
    const short = await startServer({ retentionDays: 1 });
    try {
      const { group } = await buildGroup(short);
      const author = await buildCaregiver(short);
      await joinGroup(short, author, group.id);
      const s = await connectSocket(short, author.token);
      const m = await sendOk(s, group.id, "两天前删除");
      await emitAck(s, "message:delete", { messageId: m.id });
      await sqlRows(
        short,
        sql`update messages set deleted_at = now() - interval '2 days' where id = ${m.id}`,
      );
      expect(await short.cc.services.chat.retention.purgeDeletedBodies()).toMatchObject({ purged: 1 });
    } finally {
      await short.close();
    }
  });
});
