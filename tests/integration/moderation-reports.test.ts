import { sql } from "@carecircle/server";
import type { Message, QueueItem } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  collect,
  connectSocket,
  establishMember,
  fullHistory,
  joinGroup,
  nextEvent,
  roundTrip,
  send,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

const srv = useTestServer();

async function setup(members = 4, hideThreshold?: number) {
  const { group, moderator } = await buildGroup(srv, hideThreshold === undefined ? {} : { hideThreshold });
  const author = await buildCaregiver(srv, { displayName: "发帖人" });
  await joinGroup(srv, author, group.id);
  const others: Account[] = [];
  for (let i = 0; i < members; i++) {
    const c = await buildCaregiver(srv);
    await joinGroup(srv, c, group.id);
    // Established members, whose reports count in full (see abuse-report-brigading.test.ts).
    await establishMember(srv, c, group.id);
    others.push(c);
  }
  const as = await connectSocket(srv, author.token);
  return { group, moderator, author, others, as };
}

const report = (who: Account, messageId: string, body: object) =>
  srv.http.post(`/api/messages/${messageId}/reports`).set("Authorization", who.auth).send(body);

describe("reporting", () => {
  it("one open report per reporter per message; never your own; members only", async () => {
    const { group, author, others, as } = await setup(1);
    const m = await sendOk(as, group.id, "加我微信买药，便宜");
    const first = await report(others[0]!, m.id, { reason: "spam", note: "广告" });
    expect(first.status).toBe(201);
    expect(first.body.report).toMatchObject({
      messageId: m.id,
      groupId: group.id,
      reason: "spam",
      status: "open",
    });
    const dup = await report(others[0]!, m.id, { reason: "harassment" });
    expect(dup.status).toBe(409);
    expect((await report(author, m.id, { reason: "spam" })).status).toBe(400);
    const outsider = await buildCaregiver(srv);
    expect((await report(outsider, m.id, { reason: "spam" })).status).toBe(404);
    for (const body of [{}, { reason: "rude" }, { reason: "spam", note: "" }, { reason: "spam", extra: 1 }])
      expect((await report(others[0]!, m.id, body)).status, JSON.stringify(body)).toBe(400);
    const rows = await sqlRows<{ n: number | string }>(
      srv,
      sql`select count(*) as n from reports where message_id = ${m.id}`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("3 reports hide a message for members but not for moderators, until a moderator decides", async () => {
    const { group, moderator, others, as } = await setup(4);
    const m = await sendOk(as, group.id, "某某家住在幸福小区 3 栋，电话 13900000000");
    const ms = await connectSocket(srv, moderator.token);
    const viewer = await connectSocket(srv, others[3]!.token);
    const atViewer = collect(viewer, "message:updated");
    const atModerator = collect(ms, "message:updated");
    const queued = collect(ms, "moderation:report");

    await report(others[0]!, m.id, { reason: "privacy" }).expect(201);
    await report(others[1]!, m.id, { reason: "privacy" }).expect(201);
    const memberView = async (who: Account) =>
      (await fullHistory(srv, who, group.id)).find((x) => x.id === m.id)!;
    expect((await memberView(others[3]!)).hidden).toBe(false);

    await report(others[2]!, m.id, { reason: "harassment", note: "泄露隐私" }).expect(201);
    await until(() => atViewer.length >= 1 && atModerator.length >= 1 && queued.length >= 3, {
      what: "the hide at the viewer and the moderator, and three queued reports",
    });
    await Promise.all([roundTrip(viewer), roundTrip(ms)]);
    expect(atViewer).toEqual([expect.objectContaining({ id: m.id, hidden: true, body: null })]);
    expect(atModerator).toEqual([expect.objectContaining({ id: m.id, hidden: true, body: m.body })]);
    expect(queued.map((q) => [q.reporterCount, q.hidden])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(await memberView(others[3]!)).toMatchObject({ hidden: true, body: null });
    expect(await memberView(moderator)).toMatchObject({ hidden: true, body: m.body });
    const sync = await srv.http
      .get(`/api/groups/${group.id}/changes?since=0`)
      .set("Authorization", others[3]!.auth);
    expect(sync.body.messages.find((x: Message) => x.id === m.id)).toMatchObject({
      hidden: true,
      body: null,
    });

    // The queue groups the reports by message, with context, reporter count and reasons.
    await sendOk(as, group.id, "后面的一条");
    const queue = await srv.http.get("/api/moderation/queue").set("Authorization", moderator.auth);
    expect(queue.status).toBe(200);
    const item = (queue.body.items as QueueItem[]).find((i) => i.message.id === m.id)!;
    expect(item).toMatchObject({
      group: { id: group.id, name: group.name },
      reporterCount: 3,
      reasons: { privacy: 2, harassment: 1 },
      message: { body: m.body, hidden: true },
    });
    expect(item.reports.map((r) => r.note)).toEqual([null, null, "泄露隐私"]);
    expect(item.context.map((c) => c.body).slice(-1)).toEqual(["后面的一条"]);
    expect(JSON.stringify(item)).not.toContain(others[0]!.id);

    // Dismissing restores it for members and tells each reporter, without saying what was done.
    const restored = nextEvent(viewer, "message:updated", (x) => x.id === m.id && !x.hidden);
    const note = nextEvent(
      await connectSocket(srv, others[0]!.token),
      "notification:new",
      (n) => n.kind === "report_handled",
    );
    const res = await srv.http
      .post(`/api/moderation/messages/${m.id}/resolve`)
      .set("Authorization", moderator.auth)
      .send({ action: "dismiss", reason: "信息是本人同意公开的" });
    expect(res.status).toBe(200);
    expect(res.body.resolved).toBe(3);
    expect((await restored).body).toBe(m.body);
    expect((await note).payload).toEqual({ groupId: group.id, groupName: group.name, messageId: m.id });
    const again = await srv.http
      .post(`/api/moderation/messages/${m.id}/resolve`)
      .set("Authorization", moderator.auth)
      .send({ action: "dismiss", reason: "x" });
    expect(again.status).toBe(409);
    const empty = await srv.http
      .get(`/api/moderation/queue?groupId=${group.id}`)
      .set("Authorization", moderator.auth);
    expect(empty.body.items).toEqual([]);
  });

  it("the threshold is configurable per group (0 = never auto-hide)", async () => {
    const { group, others, as } = await setup(3, 0);
    const m = await sendOk(as, group.id, "有争议的话");
    for (const o of others) await report(o, m.id, { reason: "misinformation" }).expect(201);
    expect((await fullHistory(srv, others[0]!, group.id)).find((x) => x.id === m.id)).toMatchObject({
      hidden: false,
      body: m.body,
    });
  });

  it("deciding: delete the message, mute or ban the author", async () => {
    const { group, moderator, author, others, as } = await setup(2);
    const resolve = (id: string, body: object) =>
      srv.http.post(`/api/moderation/messages/${id}/resolve`).set("Authorization", moderator.auth).send(body);

    const spam = await sendOk(as, group.id, "广告一");
    await report(others[0]!, spam.id, { reason: "spam" }).expect(201);
    const viewer = await connectSocket(srv, others[1]!.token);
    const gone = nextEvent(viewer, "message:deleted");
    expect((await resolve(spam.id, { action: "delete", reason: "广告" })).status).toBe(200);
    expect(await gone).toMatchObject({ id: spam.id, body: null, deletedAt: expect.any(String) });

    const rude = await sendOk(as, group.id, "难听的话");
    await report(others[0]!, rude.id, { reason: "harassment" }).expect(201);
    expect((await resolve(rude.id, { action: "mute", reason: "x" })).status).toBe(400);
    expect((await resolve(rude.id, { action: "dismiss", reason: "x", muteMinutes: 5 })).status).toBe(400);
    expect((await resolve(rude.id, { action: "mute", reason: "请注意用语", muteMinutes: 30 })).status).toBe(
      200,
    );
    expect(await send(as, group.id, "我被禁言了吗")).toMatchObject({ ok: false, error: { code: "MUTED" } });

    const worse = (await fullHistory(srv, moderator, group.id)).find((x) => x.id === rude.id)!;
    await report(others[1]!, worse.id, { reason: "harassment" }).expect(201);
    const told = nextEvent(as, "group:membership");
    expect((await resolve(worse.id, { action: "ban", reason: "屡次骚扰" })).status).toBe(200);
    expect(await told).toMatchObject({ status: "banned" });
    expect(
      (await srv.http.post(`/api/groups/${group.id}/join`).set("Authorization", author.auth)).status,
    ).toBe(403);
    const reports = await sqlRows<{ status: string; resolution: string }>(
      srv,
      sql`select status, resolution from reports where group_id = ${group.id} order by created_at`,
    );
    expect(reports).toEqual([
      { status: "actioned", resolution: "delete" },
      { status: "actioned", resolution: "mute" },
      { status: "actioned", resolution: "ban" },
    ]);
  });
});

describe("crisis reports", () => {
  it("a crisis report raises an alert to the moderators and never notifies the author", async () => {
    const { group, moderator, author, others, as } = await setup(1);
    const ms = await connectSocket(srv, moderator.token);
    const authorNotes = collect(as, "notification:new");
    const authorAlerts = collect(as, "moderation:alert");
    const m = await sendOk(as, group.id, "最近太累了，感觉撑不住");
    const alert = nextEvent(ms, "moderation:alert");
    const stored = nextEvent(ms, "notification:new", (n) => n.kind === "moderation_alert");
    await report(others[0]!, m.id, { reason: "crisis", note: "她好像很绝望" }).expect(201);
    expect(await alert).toMatchObject({
      group: { id: group.id },
      messageId: m.id,
      source: "report",
      status: "open",
      message: { body: m.body },
    });
    expect((await stored).payload).toMatchObject({ groupId: group.id, messageId: m.id, source: "report" });
    await roundTrip(as);
    expect(authorNotes).toEqual([]);
    expect(authorAlerts).toEqual([]);
    const list = await srv.http.get("/api/notifications").set("Authorization", author.auth);
    expect(list.body.notifications).toEqual([]);
    const queue = await srv.http
      .get(`/api/moderation/queue?groupId=${group.id}`)
      .set("Authorization", moderator.auth);
    expect(queue.body.items[0]).toMatchObject({ reasons: { crisis: 1 } });
  });
});
