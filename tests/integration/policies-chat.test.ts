import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { Message, PolicyCard } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildCaregiver,
  buildGroup,
  buildPolicyCard,
  buildStaff,
  connectSocket,
  emitAck,
  fullHistory,
  joinGroup,
  nextEvent,
  notificationsOf,
  sqlCount,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Policy cards in chat (decision 129): a member shares a published card into a group as a rich
 * card, snapshotted when sent, carried by the socket event and by REST history alike; and a
 * caregiver asks her social worker about a card in their private conversation.
 */

const srv = useTestServer();
let sw: Account;
let a: Account;
let b: Account;
let outsider: Account;
let groupId: string;
let card: PolicyCard;

beforeAll(async () => {
  sw = await buildStaff(srv, "social_worker", "社工小李");
  [a, b, outsider] = [await buildCaregiver(srv), await buildCaregiver(srv), await buildCaregiver(srv)];
  const { group } = await buildGroup(srv, { moderator: sw });
  groupId = group.id;
  await joinGroup(srv, a, groupId);
  await joinGroup(srv, b, groupId);
  card = await buildPolicyCard(srv, sw);
});

const snapshotOf = (c: PolicyCard) => ({
  id: c.id,
  title: c.title,
  summary: c.summary,
  deadline: c.deadline,
});

describe("a rich card in a group", () => {
  it("is sent over the socket, reaches the other member live, and is in REST history", async () => {
    const sa = await connectSocket(srv, a.token);
    const sb = await connectSocket(srv, b.token);
    const heard = nextEvent(sb, "message:new");
    const ack = await emitAck(sa, "message:send", { groupId, clientId: randomUUID(), card: { id: card.id } });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    if (!ack.ok) return;
    expect(ack.message).toMatchObject({ body: null, media: null, card: snapshotOf(card) });
    expect((await heard).card).toEqual(snapshotOf(card));
    const history = await fullHistory(srv, b, groupId);
    expect(history.find((m) => m.id === ack.message.id)?.card).toEqual(snapshotOf(card));
  });

  it("is posted over REST with a caption, and keeps the snapshot when the card changes later", async () => {
    const res = await srv.http
      .post(`/api/groups/${groupId}/messages`)
      .set("Authorization", b.auth)
      .send({ clientId: randomUUID(), body: "大家看看这个", card: { id: card.id } });
    expect(res.status, res.text).toBe(200);
    const sent = res.body.message as Message;
    expect(sent).toMatchObject({ body: "大家看看这个", card: snapshotOf(card) });
    await srv.http
      .patch(`/api/policies/${card.id}`)
      .set("Authorization", sw.auth)
      .send({ title: "改过的标题" });
    const later = (await fullHistory(srv, a, groupId)).find((m) => m.id === sent.id)!;
    expect(later.card?.title).toBe(card.title);
  });

  it("is refused into a group the sender is not in, for a draft card, and with media; nothing is stored", async () => {
    const before = await sqlCount(srv, sql`select count(*) from messages where card is not null`);
    const notMember = await srv.http
      .post(`/api/groups/${groupId}/messages`)
      .set("Authorization", outsider.auth)
      .send({ clientId: randomUUID(), card: { id: card.id } });
    expect([403, 404]).toContain(notMember.status);
    const so = await connectSocket(srv, outsider.token);
    const ack = await emitAck(so, "message:send", { groupId, clientId: randomUUID(), card: { id: card.id } });
    expect(ack.ok).toBe(false);
    const draft = await buildPolicyCard(srv, sw, { title: "草稿卡片" }, false);
    const res = await srv.http
      .post(`/api/groups/${groupId}/messages`)
      .set("Authorization", a.auth)
      .send({ clientId: randomUUID(), card: { id: draft.id } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fields: { card: expect.any(String) } },
    });
    const both = await srv.http
      .post(`/api/groups/${groupId}/messages`)
      .set("Authorization", a.auth)
      .send({ clientId: randomUUID(), card: { id: card.id }, media: { id: randomUUID() } });
    expect(both.status).toBe(400);
    expect(await sqlCount(srv, sql`select count(*) from messages where card is not null`)).toBe(before);
  });

  it("is gone from a deleted message", async () => {
    const res = await srv.http
      .post(`/api/groups/${groupId}/messages`)
      .set("Authorization", a.auth)
      .send({ clientId: randomUUID(), card: { id: card.id } });
    const id = (res.body.message as Message).id;
    const del = await srv.http.delete(`/api/messages/${id}`).set("Authorization", a.auth);
    expect(del.status, del.text).toBeLessThan(300);
    expect((await fullHistory(srv, b, groupId)).find((m) => m.id === id)?.card).toBeNull();
  });
});

describe("ask my social worker", () => {
  it("posts the card into the private conversation, which the social worker is told about", async () => {
    const cg = await buildCaregiver(srv);
    await assignSocialWorker(srv, cg.familyId!, sw.id);
    const res = await srv.http
      .post(`/api/policies/${card.id}/ask`)
      .set("Authorization", cg.auth)
      .send({ clientId: randomUUID() });
    expect(res.status, res.text).toBe(200);
    const msg = res.body.message as Message;
    expect(msg.card?.id).toBe(card.id);
    expect(msg.body).toBeTruthy();
    const convs = await srv.http.get("/api/conversations").set("Authorization", sw.auth);
    expect((convs.body.conversations as { id: string }[]).map((c) => c.id)).toContain(msg.groupId);
    await until(async () => (await notificationsOf(srv, sw, "direct_message")).length > 0, {
      what: "the social worker hears of it",
    });
    const history = await fullHistory(srv, sw, msg.groupId);
    expect(history.map((m) => m.card?.id)).toEqual([card.id]);
  });

  it("a family without a social worker is told so (409); a draft card is 404", async () => {
    const alone = await buildCaregiver(srv);
    const res = await srv.http
      .post(`/api/policies/${card.id}/ask`)
      .set("Authorization", alone.auth)
      .send({ clientId: randomUUID() });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: "no_social_worker" });
    const draft = await buildPolicyCard(srv, sw, { title: "另一张草稿" }, false);
    const res2 = await srv.http
      .post(`/api/policies/${draft.id}/ask`)
      .set("Authorization", a.auth)
      .send({ clientId: randomUUID() });
    expect(res2.status).toBe(404);
  });
});
