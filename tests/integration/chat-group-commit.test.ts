import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { Ack, Message, SendResult } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildCaregiver,
  buildGroup,
  collect,
  connectSocket,
  joinedCaregivers,
  send,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

// Group commit (decision 041): concurrent sends to one group are stored by one statement per
// burst. Each message must still get its own answer, and seqs must stay gap-free.

const srv = useTestServer();

describe("group commit", () => {
  it("a burst mixing good and refused sends answers each one right and stores the good ones gap-free in few commits", async () => {
    const { group, moderator } = await buildGroup(srv);
    const good = await joinedCaregivers(srv, group.id, 24);
    const [muted, replier, resender] = await joinedCaregivers(srv, group.id, 3);
    const outsider = await buildCaregiver(srv);
    const mute = await srv.http
      .post(`/api/groups/${group.id}/mutes`)
      .set("Authorization", moderator.auth)
      .send({ userId: muted!.id, minutes: 10, reason: "冷静一下" });
    expect(mute.status).toBe(201);
    const resenderSocket = await connectSocket(srv, resender!.token);
    const earlier = await sendOk(resenderSocket, group.id, "之前发过的");

    const all = [...good, muted!, replier!, outsider];
    const sockets = await Promise.all(all.map((a) => connectSocket(srv, a.token)));
    const listener = await connectSocket(srv, good[0]!.token);
    const live = collect(listener, "message:new");

    const perGood = 3;
    const goodSends = good.flatMap((_, i) =>
      Array.from({ length: perGood }, (_, k) => send(sockets[i]!, group.id, `第${i}位-${k}`)),
    );
    const refusedMute = send(sockets[good.length]!, group.id, "我被禁言了");
    const refusedReply = send(sockets[good.length + 1]!, group.id, "回复不存在的", { replyToSeq: 999_999 });
    const refusedOutsider = send(sockets[good.length + 2]!, group.id, "我不是成员");
    const resent = send(resenderSocket, group.id, "之前发过的", { clientId: earlier.clientId });
    const acks = await Promise.all(goodSends);
    const refusals = await Promise.all([refusedMute, refusedReply, refusedOutsider]);
    const resend = await resent;

    const stored = acks.map((a: Ack<SendResult>) => {
      expect(a.ok, JSON.stringify(a)).toBe(true);
      return (a as { message: Message }).message;
    });
    expect(refusals.map((r) => (r.ok ? "ok" : r.error.code))).toEqual([
      "MUTED",
      "VALIDATION_FAILED",
      "FORBIDDEN",
    ]);
    expect(resend).toEqual({ ok: true, message: earlier });

    // Every stored message: one seq each, consecutive after the earlier message, body intact.
    const total = good.length * perGood;
    expect(stored.map((m) => m.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, i) => i + 2),
    );
    for (const [i, a] of good.entries()) {
      const own = stored.filter((m) => m.sender?.id === a.id);
      expect(own.map((m) => m.body).sort()).toEqual([0, 1, 2].map((k) => `第${i}位-${k}`));
    }
    const db = await sqlRows<{ n: string; seqs: string; commits: string; changes: string }>(
      srv,
      sql`select count(*) as n, max(seq) as seqs, count(distinct xmin::text) as commits,
              count(distinct change_seq) as changes
       from messages where group_id = ${group.id}`,
    );
    expect(Number(db[0]!.n)).toBe(total + 1);
    expect(Number(db[0]!.seqs)).toBe(total + 1);
    expect(Number(db[0]!.changes)).toBe(total + 1);
    // Batched: fewer transactions than messages (one per message without group commit).
    expect(Number(db[0]!.commits)).toBeLessThan(total / 2);
    const [g] = await sqlRows<{ last_seq: string; change_seq: string }>(
      srv,
      sql`select last_seq, change_seq from groups where id = ${group.id}`,
    );
    expect(Number(g!.last_seq)).toBe(total + 1);

    // Live: every member saw each stored message once, in seq order.
    await until(() => live.length >= total, { timeoutMs: 3000, what: "every message to arrive live" });
    expect(live.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 2));
  });

  it("slow mode holds inside a burst: one message per member goes through, the rest wait", async () => {
    const { group } = await buildGroup(srv, { slowModeSeconds: 60 });
    const people = await joinedCaregivers(srv, group.id, 10);
    const sockets = await Promise.all(people.map((a) => connectSocket(srv, a.token)));
    const acks = await Promise.all(
      sockets.flatMap((s, i) => [send(s, group.id, `${i}-a`), send(s, group.id, `${i}-b`)]),
    );
    for (let i = 0; i < people.length; i++) {
      const pair = [acks[2 * i]!, acks[2 * i + 1]!];
      expect(pair.filter((a) => a.ok)).toHaveLength(1);
      const refused = pair.find((a) => !a.ok);
      expect(refused && !refused.ok ? refused.error.code : "none").toBe("RATE_LIMITED");
    }
    const [c] = await sqlRows<{ n: string; m: string }>(
      srv,
      sql`select count(*) as n, max(seq) as m from messages where group_id = ${group.id}`,
    );
    expect([Number(c!.n), Number(c!.m)]).toEqual([10, 10]);
  });

  it("a concurrent resend inside a burst answers the one stored message", async () => {
    const { group } = await buildGroup(srv);
    const people = await joinedCaregivers(srv, group.id, 6);
    const sockets = await Promise.all(people.map((a) => connectSocket(srv, a.token)));
    const clientId = randomUUID();
    const acks = await Promise.all([
      ...sockets.map((s, i) => send(s, group.id, `并发 ${i}`)),
      send(sockets[0]!, group.id, "重发", { clientId }),
      send(sockets[0]!, group.id, "重发", { clientId }),
      send(sockets[0]!, group.id, "重发", { clientId }),
    ]);
    for (const a of acks) expect(a.ok, JSON.stringify(a)).toBe(true);
    const resends = acks.slice(6).map((a) => (a as { message: Message }).message);
    expect(new Set(resends.map((m) => m.id)).size).toBe(1);
    const [c] = await sqlRows<{ n: string; m: string }>(
      srv,
      sql`select count(*) as n, max(seq) as m from messages where group_id = ${group.id}`,
    );
    expect([Number(c!.n), Number(c!.m)]).toEqual([7, 7]);
  });
});
