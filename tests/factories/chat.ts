import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { Ack, Group, GroupKind, GroupTopic, Message, SendResult } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import { type Account, buildCaregiver, buildStaff } from "./accounts.js";
import { sqlRows } from "./db.js";
import { type ClientSocket, connectSocket, emitAck } from "./sockets.js";

/** A group created over HTTP by a social worker (created too unless given), who moderates it. */
export async function buildGroup(
  srv: TestServer,
  opts: {
    moderator?: Account;
    name?: string;
    topic?: GroupTopic;
    kind?: GroupKind;
    slowModeSeconds?: number;
    hideThreshold?: number;
  } = {},
): Promise<{ group: Group; moderator: Account }> {
  const moderator = opts.moderator ?? (await buildStaff(srv, "social_worker"));
  const res = await srv.http
    .post("/api/groups")
    .set("Authorization", moderator.auth)
    .send({
      name: opts.name ?? `孤独症家长互助 ${randomUUID().slice(0, 4)}`,
      description: "交流护理经验",
      topic: opts.topic ?? "autism",
      kind: opts.kind ?? "discussion",
      ...(opts.slowModeSeconds !== undefined ? { slowModeSeconds: opts.slowModeSeconds } : {}),
      ...(opts.hideThreshold !== undefined ? { hideThreshold: opts.hideThreshold } : {}),
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { group: res.body as Group, moderator };
}

/** Join a group over HTTP. */
export async function joinGroup(srv: TestServer, account: Account, groupId: string): Promise<Group> {
  const res = await srv.http.post(`/api/groups/${groupId}/join`).set("Authorization", account.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Group;
}

/** `n` new caregivers, each a member of `groupId`. */
export async function joinedCaregivers(srv: TestServer, groupId: string, n: number): Promise<Account[]> {
  const out: Account[] = [];
  for (let i = 0; i < n; i++) {
    const c = await buildCaregiver(srv);
    await joinGroup(srv, c, groupId);
    out.push(c);
  }
  return out;
}

/** A new group with two new caregivers `a` and `b` (optionally named) as members, each connected. */
export async function twoMembersOnline(srv: TestServer, names: { a?: string; b?: string } = {}) {
  const { group, moderator } = await buildGroup(srv);
  const a = await buildCaregiver(srv, names.a ? { displayName: names.a } : {});
  const b = await buildCaregiver(srv, names.b ? { displayName: names.b } : {});
  await joinGroup(srv, a, group.id);
  await joinGroup(srv, b, group.id);
  const sa = await connectSocket(srv, a.token);
  const sb = await connectSocket(srv, b.token);
  return { group, moderator, a, b, sa, sb };
}

/** Send over the socket and answer the ack. */
export function send(
  socket: ClientSocket,
  groupId: string,
  body: string,
  extra: { clientId?: string; replyToSeq?: number } = {},
): Promise<Ack<SendResult>> {
  return emitAck(socket, "message:send", {
    groupId,
    clientId: extra.clientId ?? randomUUID(),
    body,
    ...(extra.replyToSeq !== undefined ? { replyToSeq: extra.replyToSeq } : {}),
  });
}

/** Send and expect success; answers the stored message. */
export async function sendOk(
  socket: ClientSocket,
  groupId: string,
  body: string,
  extra: { clientId?: string; replyToSeq?: number } = {},
): Promise<Message> {
  const ack = await send(socket, groupId, body, extra);
  if (!ack.ok) throw new Error(`send failed: ${JSON.stringify(ack.error)}`);
  return ack.message;
}

/** Every message of a group over HTTP, following `before` pages back to the start. */
export async function fullHistory(
  srv: TestServer,
  account: Account,
  groupId: string,
  limit = 100,
): Promise<Message[]> {
  const out: Message[] = [];
  let before: number | undefined;
  for (;;) {
    const res = await srv.http
      .get(`/api/groups/${groupId}/messages`)
      .query({ limit, ...(before !== undefined ? { before } : {}) })
      .set("Authorization", account.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = res.body.messages as Message[];
    out.unshift(...page);
    if (!res.body.hasMore || page.length === 0) return out;
    before = page[0]!.seq;
  }
}

/**
 * Make a member one whose reports count in full towards auto-hide (decision 087): the account is
 * older than the trust age and has posted in the group.
 */
export async function establishMember(srv: TestServer, account: Account, groupId: string): Promise<void> {
  const res = await srv.http
    .post(`/api/groups/${groupId}/messages`)
    .set("Authorization", account.auth)
    .send({ clientId: randomUUID(), body: "大家好，我是老成员" });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await sqlRows(srv, sql`update users set created_at = now() - interval '30 days' where id = ${account.id}`);
}
