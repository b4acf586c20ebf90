import { sql } from "@carecircle/server";
import type { Message } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  connectSocket,
  establishMember,
  fullHistory,
  joinGroup,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

// Issue 14 #4: three self-registered accounts could hide any message, a moderator's announcement
// included. Now staff messages are never auto-hidden, new accounts and non-posters count half,
// and one family counts once (decision 087).
const srv = useTestServer();

const report = (who: Account, messageId: string) =>
  srv.http
    .post(`/api/messages/${messageId}/reports`)
    .set("Authorization", who.auth)
    .send({ reason: "misinformation" })
    .expect(201);

async function members(groupId: string, n: number, established: boolean): Promise<Account[]> {
  const out: Account[] = [];
  for (let i = 0; i < n; i++) {
    const c = await buildCaregiver(srv);
    await joinGroup(srv, c, groupId);
    if (established) await establishMember(srv, c, groupId);
    out.push(c);
  }
  return out;
}

async function hiddenAt(messageId: string): Promise<unknown> {
  const [row] = await sqlRows<{ hidden_at: unknown }>(
    srv,
    sql`select hidden_at from messages where id = ${messageId}`,
  );
  return row!.hidden_at;
}

async function authorMessage(groupId: string): Promise<Message> {
  const author = await buildCaregiver(srv);
  await joinGroup(srv, author, groupId);
  return sendOk(await connectSocket(srv, author.token), groupId, "周末的活动改到周日了");
}

describe("report brigading", () => {
  it("three fresh accounts cannot hide a moderator's announcement", async () => {
    const { group, moderator } = await buildGroup(srv, { kind: "announcement" });
    const ms = await connectSocket(srv, moderator.token);
    const note = await sendOk(ms, group.id, "本周六活动中心开放，请按时接孩子");
    for (const a of await members(group.id, 3, false)) await report(a, note.id);
    expect(await hiddenAt(note.id)).toBeNull();
    const viewer = (await members(group.id, 1, false))[0]!;
    expect((await fullHistory(srv, viewer, group.id)).find((m) => m.id === note.id)).toMatchObject({
      hidden: false,
      body: note.body,
    });
  });

  it("even established members never auto-hide a message by a moderator or social worker", async () => {
    const { group, moderator } = await buildGroup(srv);
    const note = await sendOk(await connectSocket(srv, moderator.token), group.id, "请大家不要私下转账");
    for (const a of await members(group.id, 4, true)) await report(a, note.id);
    expect(await hiddenAt(note.id)).toBeNull();
    // Still in the queue for a moderator to decide.
    const queue = await srv.http
      .get(`/api/moderation/queue?groupId=${group.id}`)
      .set("Authorization", moderator.auth);
    expect(queue.body.items[0]).toMatchObject({ message: { id: note.id }, reporterCount: 4 });
  });

  it("three fresh accounts cannot hide a member's message: new accounts and non-posters count half", async () => {
    const { group } = await buildGroup(srv);
    const m = await authorMessage(group.id);
    const fresh = await members(group.id, 3, false);
    for (const a of fresh) await report(a, m.id);
    expect(await hiddenAt(m.id)).toBeNull();
    // Posting in the group is not enough while the accounts are new.
    const posted = await members(group.id, 2, false);
    for (const a of posted) {
      await sendOk(await connectSocket(srv, a.token), group.id, "我也来说一句");
      await report(a, m.id);
    }
    expect(await hiddenAt(m.id)).toBeNull(); // 5 × ½ = 2.5 < 3
    // A sixth half-weight report reaches the threshold: many accounts still can, a few cannot.
    await report((await members(group.id, 1, false))[0]!, m.id);
    expect(await hiddenAt(m.id)).not.toBeNull();
  });

  it("two caregivers of one family count as one reporter", async () => {
    const { group } = await buildGroup(srv);
    const m = await authorMessage(group.id);
    const [a, b, c] = await members(group.id, 3, true);
    // b is a second caregiver of a's family (as after an approved join request).
    await sqlRows(srv, sql`update users set family_id = ${a!.familyId} where id = ${b!.id}`);
    for (const who of [a!, b!, c!]) await report(who, m.id);
    expect(await hiddenAt(m.id)).toBeNull();
    const [d] = await members(group.id, 1, true);
    await report(d!, m.id);
    expect(await hiddenAt(m.id)).not.toBeNull();
    const [audit] = await sqlRows<{ after: { reporters: number; weight: number } }>(
      srv,
      sql`select after from audit_log where message_id = ${m.id} and action = 'message_hidden'`,
    );
    expect(audit!.after).toMatchObject({ reporters: 4, weight: 3 });
  });
});
