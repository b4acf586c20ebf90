import { sql } from "@carecircle/server";
import type { ModeratedMemberPage, QueueItem } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  buildStaff,
  connectSocket,
  joinGroup,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const report = (who: Account, messageId: string, reason = "spam") =>
  srv.http.post(`/api/messages/${messageId}/reports`).set("Authorization", who.auth).send({ reason });
const queue = async (mod: Account, groupId?: string) => {
  const res = await srv.http
    .get("/api/moderation/queue")
    .query(groupId ? { groupId } : {})
    .set("Authorization", mod.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as QueueItem[];
};

async function setup() {
  const { group, moderator } = await buildGroup(srv);
  const author = await buildCaregiver(srv, { displayName: "被举报人" });
  const reporters: Account[] = [];
  await joinGroup(srv, author, group.id);
  for (let i = 0; i < 2; i++) {
    const c = await buildCaregiver(srv);
    await joinGroup(srv, c, group.id);
    reporters.push(c);
  }
  const as = await connectSocket(srv, author.token);
  return { group, moderator, author, reporters, as };
}

describe("the review queue shows what was reported", () => {
  it("each card holds the reported message itself, its context, reasons and the author's record", async () => {
    const { group, moderator, author, reporters, as } = await setup();
    const before = await sendOk(as, group.id, "前一条：大家好");
    const long = `卖药广告${"便宜又好用，".repeat(300)}`.slice(0, 1900);
    const target = await sendOk(as, group.id, long);
    const after = await sendOk(as, group.id, "后一条：谢谢");
    const earlier = await sendOk(as, group.id, "更早被举报的一条");
    // an earlier report (decided) and a mute, then a removal and rejoin: the record counts them all
    expect((await report(reporters[0]!, earlier.id)).status).toBe(201);
    const resolve = await srv.http
      .post(`/api/moderation/messages/${earlier.id}/resolve`)
      .set("Authorization", moderator.auth)
      .send({ action: "mute", reason: "广告", muteMinutes: 1 });
    expect(resolve.status, JSON.stringify(resolve.body)).toBe(200);
    const removed = await srv.http
      .post(`/api/groups/${group.id}/members/${author.id}/remove`)
      .set("Authorization", moderator.auth)
      .send({ reason: "刷屏" });
    expect(removed.status).toBe(200);
    await joinGroup(srv, author, group.id);

    expect((await report(reporters[0]!, target.id, "spam")).status).toBe(201);
    expect((await report(reporters[1]!, target.id, "harassment")).status).toBe(201);

    const items = await queue(moderator, group.id);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.message.id).toBe(target.id);
    expect(item.message.body).toBe(long);
    expect(item.message.seq).toBe(target.seq);
    expect(item.context.map((m) => m.id)).toEqual([before.id, after.id, earlier.id]);
    expect(item.reasons).toEqual({ spam: 1, harassment: 1 });
    expect(item.reporterCount).toBe(2);
    expect(item.authorHistory).toMatchObject({
      reports: { count: 1 },
      mutes: { count: 1 },
      removals: { count: 1 },
      bans: { count: 0, lastAt: null },
    });
    expect(Date.parse(item.authorHistory!.mutes.lastAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("many reported messages: every card is complete and the page costs a fixed number of statements", async () => {
    const { group, moderator, reporters, as } = await setup();
    const sent = [];
    for (let i = 0; i < 6; i++) sent.push(await sendOk(as, group.id, `第 ${i} 条广告`));
    for (const m of sent) expect((await report(reporters[0]!, m.id)).status).toBe(201);
    // crisis first, whatever its age
    expect((await report(reporters[1]!, sent[5]!.id, "crisis")).status).toBe(201);
    const items = await queue(moderator, group.id);
    expect(items.map((i) => i.message.id)).toEqual([sent[5]!.id, ...sent.slice(0, 5).map((m) => m.id)]);
    for (const item of items) {
      expect(item.message.body).toMatch(/^第 \d 条广告$/);
      expect(item.context.every((c) => c.id !== item.message.id)).toBe(true);
      // reports on the author's other messages still in the queue are cards of their own, not history
      expect(item.authorHistory!.reports.count).toBe(0);
    }
    const six = await countStatements(() => queue(moderator, group.id));
    expect(six).toBeGreaterThan(0);
    for (const m of sent.slice(0, 5)) {
      const res = await srv.http
        .post(`/api/moderation/messages/${m.id}/resolve`)
        .set("Authorization", moderator.auth)
        .send({ action: "dismiss", reason: "没问题" });
      expect(res.status).toBe(200);
    }
    expect(await queue(moderator, group.id)).toHaveLength(1);
    expect(await countStatements(() => queue(moderator, group.id))).toBe(six);
  });

  it("the author's record counts a ban that was lifted; a deleted author has none", async () => {
    const { group, moderator, author, reporters, as } = await setup();
    const m = await sendOk(as, group.id, "一条消息");
    for (const path of ["bans", `bans/${author.id}/lift`]) {
      const res = await srv.http
        .post(`/api/groups/${group.id}/${path}`)
        .set("Authorization", moderator.auth)
        .send(path === "bans" ? { userId: author.id, reason: "辱骂" } : {});
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    await joinGroup(srv, author, group.id);
    expect((await report(reporters[0]!, m.id)).status).toBe(201);
    const [item] = await queue(moderator, group.id);
    expect(item!.authorHistory).toMatchObject({ bans: { count: 1 }, removals: { count: 0 } });
    await sqlRows(srv, sql`update messages set sender_id = null where id = ${m.id}`);
    const [gone] = await queue(moderator, group.id);
    expect(gone!.authorHistory).toBeNull();
  });
});

/**
 * Statements the server's database client runs during `f`, counted at the driver (PGlite or the pg
 * pool). The least of three runs, so a background job that happens to run at the same time
 * cannot inflate it.
 */
async function countStatements(f: () => Promise<unknown>): Promise<number> {
  const client = (srv.cc.deps.db as unknown as { $client: { query: (...a: unknown[]) => unknown } }).$client;
  const original = client.query;
  const counts: number[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      let n = 0;
      client.query = function (this: unknown, ...a: unknown[]) {
        n++;
        return original.apply(this, a);
      };
      await f();
      counts.push(n);
    }
  } finally {
    client.query = original;
  }
  return Math.min(...counts);
}

describe("the member list for moderators", () => {
  it("searches by display name, pages, and shows active mutes; the group's moderators only", async () => {
    const { group, moderator } = await buildGroup(srv);
    const names = ["王奶奶", "王阿姨", "李爷爷", "张妈妈", "50%_特殊"];
    const members: Account[] = [];
    for (const displayName of names) {
      const c = await buildCaregiver(srv, { displayName });
      await joinGroup(srv, c, group.id);
      members.push(c);
    }
    const mute = await srv.http
      .post(`/api/groups/${group.id}/mutes`)
      .set("Authorization", moderator.auth)
      .send({ userId: members[1]!.id, minutes: 30, reason: "刷屏" });
    expect(mute.status).toBe(201);
    const list = async (who: Account, query: Record<string, string | number>) =>
      srv.http.get(`/api/groups/${group.id}/moderation/members`).query(query).set("Authorization", who.auth);

    const wang = await list(moderator, { q: "王" });
    expect(wang.status).toBe(200);
    const page = wang.body as ModeratedMemberPage;
    expect(page.members.map((m) => m.displayName).sort()).toEqual(["王奶奶", "王阿姨"].sort());
    expect(page.total).toBe(2);
    expect(page.members.find((m) => m.id === members[1]!.id)!.mutedUntil).not.toBeNull();
    expect(page.members.find((m) => m.id === members[0]!.id)!.mutedUntil).toBeNull();

    // LIKE wildcards in the search are literal
    const literal = (await list(moderator, { q: "%_" })).body as ModeratedMemberPage;
    expect(literal.members.map((m) => m.displayName)).toEqual(["50%_特殊"]);

    // paging: 6 members (5 + the moderator), 4 per page
    const p1 = (await list(moderator, { limit: 4 })).body as ModeratedMemberPage;
    const p2 = (await list(moderator, { limit: 4, offset: 4 })).body as ModeratedMemberPage;
    expect(p1.total).toBe(6);
    expect(p1.hasMore).toBe(true);
    expect(p2.hasMore).toBe(false);
    const all = [...p1.members, ...p2.members].map((m) => m.id);
    expect(new Set(all).size).toBe(6);
    expect(
      p1.members.find((m) => m.id === moderator.id)?.role ??
        p2.members.find((m) => m.id === moderator.id)?.role,
    ).toBe("moderator");

    // refusals: a member, another group's moderator (403); bad input (400)
    expect((await list(members[0]!, {})).status).toBe(403);
    const other = await buildStaff(srv, "social_worker");
    expect((await list(other, {})).status).toBe(403);
    const bads: Record<string, string | number>[] = [
      { limit: 0 },
      { limit: 51 },
      { offset: -1 },
      { q: "x".repeat(51) },
      { extra: 1 },
    ];
    for (const bad of bads) {
      const res = await list(moderator, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
  });
});
