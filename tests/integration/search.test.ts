import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import { type Message, SearchPageSchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildGroup,
  buildStaff,
  joinGroup,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

/** Post a message over HTTP and answer it. */
async function post(who: Account, groupId: string, body: string): Promise<Message> {
  const res = await srv.http
    .post(`/api/groups/${groupId}/messages`)
    .set("Authorization", who.auth)
    .send({ clientId: randomUUID(), body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.message as Message;
}

/** Search as `who`; answers the raw response (checked against the shared schema when 200). */
async function search(who: Account, query: Record<string, string>) {
  const res = await srv.http.get("/api/search/messages").set("Authorization", who.auth).query(query);
  if (res.status === 200) SearchPageSchema.parse(res.body);
  return res;
}

/** The bodies found for `q` (optionally in one group), newest first. */
async function bodies(who: Account, q: string, groupId?: string): Promise<(string | null)[]> {
  const res = await search(who, { q, ...(groupId ? { groupId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.hits.map((h: { message: Message }) => h.message.body);
}

/** A fresh group with a caregiver member; every phrase is unique to this test by `tag`. */
async function world() {
  const { group, moderator } = await buildGroup(srv);
  const mum = await buildCaregiver(srv);
  await joinGroup(srv, mum, group.id);
  return { group, moderator, mum, tag: randomUUID().slice(0, 8) };
}

describe("what a search finds", () => {
  it("Chinese substrings of two to four and more characters, in order", async () => {
    const { group, mum, tag } = await world();
    await post(mum, group.id, `申请康复补贴的流程 ${tag}`);
    await post(mum, group.id, `补助和贴纸 ${tag}`);
    expect(await bodies(mum, `康复补贴 ${tag}`)).toEqual([`申请康复补贴的流程 ${tag}`]);
    expect(await bodies(mum, `补贴 ${tag}`)).toEqual([`申请康复补贴的流程 ${tag}`]);
    expect(await bodies(mum, `申请康复补贴的流程 ${tag}`)).toEqual([`申请康复补贴的流程 ${tag}`]);
    // Every pair of 贴补 is absent and 补...贴 out of order is not a match.
    expect(await bodies(mum, `贴补 ${tag}`)).toEqual([]);
    expect(await bodies(mum, `流程补贴 ${tag}`)).toEqual([]);
    // A single character is found wherever it stands.
    expect(await bodies(mum, `纸 ${tag}`)).toEqual([`补助和贴纸 ${tag}`]);
  });

  it("Latin words by prefix, case-insensitively, in mixed text; traditional finds simplified", async () => {
    const { group, mum, tag } = await world();
    await post(mum, group.id, `孩子今天做Rehabilitation训练 ${tag}`);
    await post(mum, group.id, `prerehab 不算 ${tag}`);
    expect(await bodies(mum, `rehab ${tag}`)).toEqual([`孩子今天做Rehabilitation训练 ${tag}`]);
    expect(await bodies(mum, `REHAB 训练 ${tag}`)).toEqual([`孩子今天做Rehabilitation训练 ${tag}`]);
    expect(await bodies(mum, `ＲＥＨＡＢ ${tag}`)).toEqual([`孩子今天做Rehabilitation训练 ${tag}`]);
    expect(await bodies(mum, `訓練 ${tag}`)).toEqual([`孩子今天做Rehabilitation训练 ${tag}`]);
    expect(await bodies(mum, `habilitation ${tag}`)).toEqual([]);
  });

  it("an edited message is found by its new words and not by its old ones", async () => {
    const { group, mum, tag } = await world();
    const m = await post(mum, group.id, `明天去医院复诊 ${tag}`);
    const res = await srv.http
      .patch(`/api/messages/${m.id}`)
      .set("Authorization", mum.auth)
      .send({ body: `明天去站点托管 ${tag}` });
    expect(res.status).toBe(200);
    expect(await bodies(mum, `托管 ${tag}`)).toEqual([`明天去站点托管 ${tag}`]);
    expect(await bodies(mum, `医院复诊 ${tag}`)).toEqual([]);
  });

  it("a hit carries its visible neighbours and its group", async () => {
    const { group, moderator, mum, tag } = await world();
    const first = await post(mum, group.id, `早上好 ${tag}`);
    const gone = await post(mum, group.id, `删掉的 ${tag}`);
    const hit = await post(mum, group.id, `喘息服务很好 ${tag}`);
    const hidden = await post(mum, group.id, `被隐藏的 ${tag}`);
    const last = await post(mum, group.id, `谢谢大家 ${tag}`);
    await srv.http.delete(`/api/messages/${gone.id}`).set("Authorization", mum.auth).expect(200);
    await srv.http
      .post(`/api/moderation/messages/${hidden.id}/hide`)
      .set("Authorization", moderator.auth)
      .send({ reason: "待核实" })
      .expect(200);
    const res = await search(mum, { q: `喘息 ${tag}` });
    expect(res.status).toBe(200);
    expect(res.body.hits).toHaveLength(1);
    const h = res.body.hits[0];
    expect(h.message.id).toBe(hit.id);
    expect(h.before.id).toBe(first.id);
    expect(h.after.id).toBe(last.id);
    expect(h.group).toEqual({ id: group.id, name: group.name, kind: "discussion" });
    // The moderator sees the hidden neighbour.
    const asMod = await search(moderator, { q: `喘息 ${tag}`, groupId: group.id });
    expect(asMod.body.hits[0].after.id).toBe(hidden.id);
  });
});

describe("what a search never shows", () => {
  it("deleted, hidden (to members) and purged messages", async () => {
    const { group, moderator, mum, tag } = await world();
    const deleted = await post(mum, group.id, `低保申请材料 删除 ${tag}`);
    const hidden = await post(mum, group.id, `低保申请材料 隐藏 ${tag}`);
    const purged = await post(mum, group.id, `低保申请材料 清除 ${tag}`);
    await post(mum, group.id, `低保申请材料 保留 ${tag}`);
    await srv.http.delete(`/api/messages/${deleted.id}`).set("Authorization", mum.auth).expect(200);
    await srv.http.delete(`/api/messages/${purged.id}`).set("Authorization", mum.auth).expect(200);
    await srv.http
      .post(`/api/moderation/messages/${hidden.id}/hide`)
      .set("Authorization", moderator.auth)
      .send({ reason: "待核实" })
      .expect(200);
    await sqlRows(
      srv,
      sql`update messages set deleted_at = now() - interval '400 days' where id = ${purged.id}`,
    );
    await srv.cc.services.chat.retention.purgeDeletedBodies();
    expect(await bodies(mum, `低保申请 ${tag}`)).toEqual([`低保申请材料 保留 ${tag}`]);
    // The moderator of the group also finds the hidden one; never the deleted or purged ones.
    expect(await bodies(moderator, `低保申请 ${tag}`)).toEqual([
      `低保申请材料 保留 ${tag}`,
      `低保申请材料 隐藏 ${tag}`,
    ]);
    // Restored, it is found by members again.
    await srv.http
      .post(`/api/moderation/messages/${hidden.id}/restore`)
      .set("Authorization", moderator.auth)
      .send({ reason: "没有问题" })
      .expect(200);
    expect(await bodies(mum, `隐藏 ${tag}`)).toEqual([`低保申请材料 隐藏 ${tag}`]);
  });

  it("a non-member sees nothing of a group: not in a general search, refused with groupId", async () => {
    const { group, mum, tag } = await world();
    await post(mum, group.id, `残疾证办理 ${tag}`);
    const outsider = await buildCaregiver(srv);
    expect(await bodies(outsider, `残疾证 ${tag}`)).toEqual([]);
    const res = await search(outsider, { q: `残疾证 ${tag}`, groupId: group.id });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("bad input is a 400 with details, never a 500", async () => {
    const { mum } = await world();
    for (const query of [
      {},
      { q: "   " },
      { q: "x".repeat(201) },
      { q: "补贴", limit: "0" },
      { q: "补贴", cursor: "nope" },
    ]) {
      const res = await search(mum, query as Record<string, string>);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    // Nothing searchable (punctuation only): an empty page, not an error.
    expect(await bodies(mum, "！？…")).toEqual([]);
  });
});

describe("who searches what", () => {
  it("a moderator searches across the groups they moderate; a member only their own groups", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const a = await buildGroup(srv, { moderator: sw });
    const b = await buildGroup(srv, { moderator: sw });
    const tag = randomUUID().slice(0, 8);
    const mumA = await buildCaregiver(srv);
    const mumB = await buildCaregiver(srv);
    await joinGroup(srv, mumA, a.group.id);
    await joinGroup(srv, mumB, b.group.id);
    await post(mumA, a.group.id, `周末托管名额 A ${tag}`);
    await post(mumB, b.group.id, `周末托管名额 B ${tag}`);
    expect(await bodies(sw, `托管名额 ${tag}`)).toEqual([`周末托管名额 B ${tag}`, `周末托管名额 A ${tag}`]);
    expect(await bodies(mumA, `托管名额 ${tag}`)).toEqual([`周末托管名额 A ${tag}`]);
    expect(await bodies(sw, `托管名额 ${tag}`, a.group.id)).toEqual([`周末托管名额 A ${tag}`]);
  });

  it("private conversations are searched by their members only", async () => {
    const mum = await buildCaregiver(srv);
    const sw = await buildStaff(srv, "social_worker");
    const otherSw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const conv = await srv.http
      .post("/api/conversations")
      .set("Authorization", sw.auth)
      .send({ familyId: mum.familyId });
    expect(conv.status).toBe(200);
    const tag = randomUUID().slice(0, 8);
    await post(mum, conv.body.id, `孩子最近情绪不好 ${tag}`);
    const found = await search(sw, { q: `情绪 ${tag}` });
    expect(found.body.hits.map((h: { group: { kind: string } }) => h.group.kind)).toEqual(["direct"]);
    expect(await bodies(mum, `情绪 ${tag}`)).toEqual([`孩子最近情绪不好 ${tag}`]);
    expect(await bodies(otherSw, `情绪 ${tag}`)).toEqual([]);
    const admin = await buildAdmin(srv);
    expect((await search(admin, { q: `情绪 ${tag}`, groupId: conv.body.id })).status).toBe(404);
  });
});

/** Append `n` newer messages straight into the group (a busy history), as the sender would have. */
async function fill(groupId: string, senderId: string, n: number, body: string): Promise<void> {
  await sqlRows(
    srv,
    sql`insert into messages (group_id, seq, client_id, sender_id, body, change_seq, created_at)
        select ${groupId}, g.last_seq + i, gen_random_uuid(), ${senderId}, ${body} || ' ' || i, g.change_seq + i,
               now() + i * interval '1 millisecond'
        from groups g, generate_series(1, ${n}::int) i where g.id = ${groupId}`,
  );
  await sqlRows(
    srv,
    sql`update groups set last_seq = last_seq + ${n}::int, change_seq = change_seq + ${n}::int where id = ${groupId}`,
  );
}

/** Skip `n` seqs (messages deleted long ago leave no row): later messages land in later windows. */
async function skipSeqs(groupId: string, n: number): Promise<void> {
  await sqlRows(
    srv,
    sql`update groups set last_seq = last_seq + ${n}::int, change_seq = change_seq + ${n}::int where id = ${groupId}`,
  );
}

/** Every body found for `q` as `who`, page by page of `limit`. */
async function allPages(who: Account, q: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 50; n++) {
    const res = await search(who, { q, limit: String(limit), ...(cursor ? { cursor } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.hits.map((h: { message: Message }) => h.message.body));
    cursor = res.body.nextCursor ?? undefined;
    if (!cursor) return seen;
  }
  throw new Error("too many pages");
}

describe("pages", () => {
  it("newest first, with a cursor, each hit once", async () => {
    const { group, mum, tag } = await world();
    for (let i = 0; i < 7; i++) await post(mum, group.id, `第${i}条 语言训练有进步 ${tag}`);
    expect(await allPages(mum, `语言训练 ${tag}`, 3)).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map((i) => `第${i}条 语言训练有进步 ${tag}`),
    );
  });

  it("in a long history: the newest windows first, widening until the page is certain", async () => {
    const { group, mum, tag } = await world();
    for (let i = 0; i < 5; i++) await post(mum, group.id, `第${i}条 感统训练 ${tag}`);
    await skipSeqs(group.id, 50_000);
    await fill(group.id, mum.id, 2100, `中频词 ${tag}`);
    await skipSeqs(group.id, 20_000);
    await fill(group.id, mum.id, 2500, `填充消息 ${tag}`);
    // Seqs 1-5, ~50,000-52,100 and ~72,100-74,600: the first step (the newest 8,192 seqs) finds
    // no 中频词, the second does; 感统 is settled only when the oldest window is reached.
    const first = await search(mum, { q: `中频词 ${tag}`, limit: "3" });
    expect(first.body.hits.map((h: { message: Message }) => h.message.body)).toEqual(
      [2100, 2099, 2098].map((i) => `中频词 ${tag} ${i}`),
    );
    const second = await search(mum, { q: `中频词 ${tag}`, limit: "3", cursor: first.body.nextCursor });
    expect(second.body.hits.map((h: { message: Message }) => h.message.body)).toEqual(
      [2097, 2096, 2095].map((i) => `中频词 ${tag} ${i}`),
    );
    expect(await allPages(mum, `感统 ${tag}`, 2)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `第${i}条 感统训练 ${tag}`),
    );
    const common = await allPages(mum, `填充 ${tag}`, 50);
    expect(common).toHaveLength(2500);
    expect(common.slice(0, 2)).toEqual([`填充消息 ${tag} 2500`, `填充消息 ${tag} 2499`]);
    expect(new Set(common).size).toBe(2500);
  });
});
