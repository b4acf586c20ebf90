import { sql } from "@carecircle/server";
import type { PolicyCard } from "@carecircle/shared";
import { expect, it } from "vitest";
import {
  buildAdmin,
  buildPolicyCard,
  buildStaff,
  dayFromToday,
  notificationsOf,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { useNodes } from "../setup/nodes.js";
import { startServer, type TestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Review-date flags (decision 129): a card past its review-by day is flagged on the librarians'
 * list, and its author is told once, by whichever node's poll takes it (FOR UPDATE SKIP LOCKED),
 * also when the day passed while no node ran; a new review-by day re-arms it.
 */

const FAST = { reminderPollMs: 50 };
const nodes = useNodes();

const notified = (srv: TestServer, ids: string[]) =>
  sqlCount(
    srv,
    sql`select count(*) from policy_cards where review_notified_at is not null
        and id = any(${`{${ids.join(",")}}`}::uuid[])`,
  );

/** How many `policy_review_due` notifications each (user, card) got. */
async function counts(srv: TestServer): Promise<number[]> {
  const rows = await sqlRows<{ n: number }>(
    srv,
    sql`select count(*)::int as n from notifications where kind = 'policy_review_due'
        group by user_id, payload->>'cardId'`,
  );
  return rows.map((r) => r.n);
}

it("two nodes tell the author of each overdue card exactly once, and flag it on the library", async () => {
  const db = await nodes.sharedDb();
  const a = await nodes.node(FAST, db);
  const b = await nodes.node(FAST, await nodes.anotherHandle(db));
  const sw = await buildStaff(a, "social_worker", "社工小李");
  const cards: PolicyCard[] = [];
  for (let i = 0; i < 12; i++)
    cards.push(await buildPolicyCard(i % 2 ? a : b, sw, { title: `卡片${i}`, reviewBy: dayFromToday(-1) }));
  const fresh = await buildPolicyCard(a, sw, { title: "还新的卡片", reviewBy: dayFromToday(30) });
  const ids = cards.map((c) => c.id);
  await until(async () => (await notified(a, ids)) === ids.length, {
    timeoutMs: 15_000,
    what: "every card reported",
  });
  await Promise.all([a.cc.services.policies.review.stop(), b.cc.services.policies.review.stop()]);
  const c = await counts(a);
  expect(c).toHaveLength(ids.length);
  expect(c.every((n) => n === 1)).toBe(true);
  const notes = await notificationsOf(a, sw, "policy_review_due");
  expect(new Set(notes.map((n) => n.payload.cardId))).toEqual(new Set(ids));
  expect(await notified(a, [fresh.id])).toBe(0);

  const lib = await a.http.get("/api/policies").set("Authorization", sw.auth);
  const flags = new Map((lib.body.cards as PolicyCard[]).map((x) => [x.id, x.reviewOverdue]));
  expect(ids.every((id) => flags.get(id) === true)).toBe(true);
  expect(flags.get(fresh.id)).toBe(false);
});

it("a card whose day passed while no node ran is reported once after a restart; to every social worker when its author is gone", async () => {
  const db = await nodes.sharedDb();
  const first = await startServer(FAST, { dbHandle: db });
  const [author, other] = [
    await buildStaff(first, "social_worker"),
    await buildStaff(first, "social_worker"),
  ];
  const card = await buildPolicyCard(first, author, { reviewBy: dayFromToday(20) });
  const admin = await buildAdmin(first);
  const off = await first.http.post(`/api/admin/users/${author.id}/disable`).set("Authorization", admin.auth);
  expect(off.status, off.text).toBe(200);
  await first.close();
  // The day passes while no node runs: move the card's review-by day into the past.
  await db.db.execute(sql`update policy_cards set review_by = current_date - 1 where id = ${card.id}`);

  const second = await nodes.node(FAST, await nodes.anotherHandle(db));
  await until(async () => (await notified(second, [card.id])) === 1, { what: "the card after the restart" });
  await second.cc.services.policies.review.stop();
  const to = await sqlRows<{ user_id: string }>(
    second,
    sql`select user_id from notifications where kind = 'policy_review_due' and payload->>'cardId' = ${card.id}`,
  );
  expect(to.map((r) => r.user_id)).toContain(other.id);
  expect(to.map((r) => r.user_id)).not.toContain(author.id);
  expect(new Set(to.map((r) => r.user_id)).size).toBe(to.length);
});

it("a new review-by day re-arms the reminder; the same day does not", async () => {
  const srv = await nodes.node(FAST);
  const sw = await buildStaff(srv, "social_worker");
  const card = await buildPolicyCard(srv, sw, { reviewBy: dayFromToday(-2) });
  await until(async () => (await notified(srv, [card.id])) === 1, { what: "first reminder" });
  const same = await srv.http
    .patch(`/api/policies/${card.id}`)
    .set("Authorization", sw.auth)
    .send({ reviewBy: dayFromToday(-2), summary: "只改说明" });
  expect(same.status).toBe(200);
  await srv.cc.services.policies.review.runDue();
  expect(await notified(srv, [card.id])).toBe(1);
  await srv.http
    .patch(`/api/policies/${card.id}`)
    .set("Authorization", sw.auth)
    .send({ reviewBy: dayFromToday(-1) });
  await until(async () => (await notificationsOf(srv, sw, "policy_review_due")).length === 2, {
    what: "the reminder for the new day",
  });
  await srv.cc.services.policies.review.stop();
  expect(await counts(srv)).toEqual([2]);
});
