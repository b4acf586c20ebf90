import { sql } from "@carecircle/server";
import type { Dashboard, Message } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  alertsOf,
  buildAdmin,
  buildStaff,
  connectSocket,
  crisisRoom,
  emitAckOk,
  nextEvent,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Alerts that reach a person (issue 13 §2, §3): claim and acknowledge, ordering by tier, the
 * follow-up marker, the weekly dashboard (stress alerts and duty hours: safety-stress.test.ts).
 * Default delays (5 and 15 minutes): nothing escalates here by itself (see safety-escalation).
 */

const srv = useTestServer();

const post = (who: Account, path: string, body: object = {}) =>
  srv.http.post(path).set("Authorization", who.auth).send(body);

async function crisisAlert(text = "我真的想死，带着孩子一起走算了") {
  const room = await crisisRoom(srv);
  const msg = await sendOk(room.as, room.group.id, text);
  const [row] = await sqlRows<{ id: string }>(
    srv,
    sql`select id from crisis_alerts where message_id = ${msg.id}`,
  );
  return { ...room, msg, alertId: row!.id };
}

describe("claiming and acknowledging", () => {
  it("a moderator claims (shown live to the other moderators); a second claim is 409 unless taking over", async () => {
    const r = await crisisAlert();
    const other = await buildStaff(srv, "social_worker", "另一位社工");
    const add = await post(r.moderator, `/api/groups/${r.group.id}/moderators`, { userId: other.id });
    expect([200, 201]).toContain(add.status);
    const otherSocket = await connectSocket(srv, other.token);
    const seen = nextEvent(otherSocket, "alert:updated", (a) => a.claimedBy !== null);

    const claim = await post(r.moderator, `/api/moderation/alerts/${r.alertId}/claim`);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body.alert.claimedBy).toEqual({ id: r.moderator.id, displayName: r.moderator.displayName });
    expect((await seen).claimedBy?.id).toBe(r.moderator.id);
    // Claiming again is harmless; another person's claim is refused, nothing changes.
    expect((await post(r.moderator, `/api/moderation/alerts/${r.alertId}/claim`)).status).toBe(200);
    const refused = await post(other, `/api/moderation/alerts/${r.alertId}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("CONFLICT");
    expect((await alertsOf(srv, other)).find((a) => a.id === r.alertId)?.claimedBy?.id).toBe(r.moderator.id);
    const taken = await post(other, `/api/moderation/alerts/${r.alertId}/claim`, { takeOver: true });
    expect(taken.status).toBe(200);
    expect(taken.body.alert.claimedBy.id).toBe(other.id);
    const audit = await sqlRows<{ n: string | number }>(
      srv,
      sql`select count(*) as n from audit_log where action = 'alert_claimed' and after->>'alertId' = ${r.alertId}`,
    );
    expect(Number(audit[0]!.n)).toBe(2);
  });

  it("only the group's moderators, recipients and admins may act; bad input is 400 and changes nothing", async () => {
    const r = await crisisAlert();
    const outsider = await buildStaff(srv, "social_worker");
    const no = await post(outsider, `/api/moderation/alerts/${r.alertId}/claim`);
    expect(no.status).toBe(403);
    expect((await post(r.peer, `/api/moderation/alerts/${r.alertId}/claim`)).status).toBe(403);
    expect((await alertsOf(srv, outsider)).map((a) => a.id)).not.toContain(r.alertId);
    const bad = await post(r.moderator, `/api/moderation/alerts/${r.alertId}/claim`, { takeOver: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    const noNote = await post(r.moderator, `/api/moderation/alerts/${r.alertId}/acknowledge`, { note: "" });
    expect(noNote.status).toBe(400);
    const [row] = await sqlRows<{ status: string; claimed_by: string | null }>(
      srv,
      sql`select status, claimed_by from crisis_alerts where id = ${r.alertId}`,
    );
    expect(row).toEqual({ status: "open", claimed_by: null });
    const missing = await post(r.moderator, `/api/moderation/alerts/${crypto.randomUUID()}/claim`);
    expect(missing.status).toBe(404);
  });

  it("acknowledging needs a note, happens once, and members then see a quiet marker, live and in history", async () => {
    const r = await crisisAlert();
    const peerSocket = await connectSocket(srv, r.peer.token);
    const marked = nextEvent(peerSocket, "message:updated", (m) => m.id === r.msg.id);
    expect(r.msg.followedUp).toBe(false);
    const before = await emitAckOk(peerSocket, "group:sync", {
      groupId: r.group.id,
      sinceChangeSeq: 0,
    });
    const ack = await post(r.moderator, `/api/moderation/alerts/${r.alertId}/acknowledge`, {
      note: "已电话联系外婆，约好明天家访",
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.alert).toMatchObject({
      status: "acknowledged",
      followUpNote: "已电话联系外婆，约好明天家访",
    });
    const live = await marked;
    expect(live.followedUp).toBe(true);
    expect(JSON.stringify(live)).not.toContain("家访");
    const sync = await emitAckOk(peerSocket, "group:sync", {
      groupId: r.group.id,
      sinceChangeSeq: before.changeSeq,
    });
    expect(sync.messages.find((m) => m.id === r.msg.id)?.followedUp).toBe(true);
    const history = await srv.http
      .get(`/api/groups/${r.group.id}/messages`)
      .set("Authorization", r.peer.auth);
    expect((history.body.messages as Message[]).find((m) => m.id === r.msg.id)?.followedUp).toBe(true);
    const again = await post(r.moderator, `/api/moderation/alerts/${r.alertId}/acknowledge`, {
      note: "再次",
    });
    expect(again.status).toBe(409);
    expect((await post(r.moderator, `/api/moderation/alerts/${r.alertId}/claim`)).status).toBe(409);
  });

  it("the list is ordered by tier (imminent first), then by age", async () => {
    const admin = await buildAdmin(srv);
    const a = await crisisAlert("不想活了");
    const b = await crisisAlert("撑不下去了");
    const c = await crisisAlert("kill myself");
    await sqlRows(srv, sql`update crisis_alerts set tier = 'imminent' where id = ${c.alertId}`);
    await sqlRows(srv, sql`update crisis_alerts set tier = 'intent' where id = ${b.alertId}`);
    const ids = (await alertsOf(srv, admin))
      .map((x) => x.id)
      .filter((id) => [a, b, c].some((r) => r.alertId === id));
    expect(ids).toEqual([c.alertId, b.alertId, a.alertId]);
    const one = (await alertsOf(srv, admin)).find((x) => x.id === a.alertId)!;
    expect(one).toMatchObject({
      kind: "crisis",
      tier: "distress",
      familyId: a.author.familyId,
      escalationStep: 0,
      claimedBy: null,
      checkin: null,
    });
    expect(Date.parse(one.nextEscalationAt!) - Date.parse(one.createdAt)).toBe(300_000);
    expect(one.createdAt).toBe(a.msg.createdAt);
  });
});

describe("dashboard", () => {
  it("reports per week: alerts, the share acknowledged in time, the median time to acknowledge, escalations", async () => {
    const r = await crisisAlert("不想活了");
    const late = await crisisAlert("撑不下去了");
    const never = await crisisAlert("want to die");
    // Place this week's three alerts: one acknowledged after 60 s, one after 10 minutes (escalated).
    await sqlRows(
      srv,
      sql`update crisis_alerts set created_at = now() - interval '60 seconds' where id = ${r.alertId}`,
    );
    await sqlRows(
      srv,
      sql`update crisis_alerts set created_at = now() - interval '600 seconds', escalation_step = 1 where id = ${late.alertId}`,
    );
    for (const x of [r, late]) {
      const res = await post(x.moderator, `/api/moderation/alerts/${x.alertId}/acknowledge`, {
        note: "已联系",
      });
      expect(res.status).toBe(200);
    }
    const admin = await buildAdmin(srv);
    const res = await srv.http.get("/api/moderation/dashboard").set("Authorization", admin.auth);
    expect(res.status).toBe(200);
    const d = res.body as Dashboard;
    expect(d.weeks).toHaveLength(12);
    expect(d.weeks[11]!.weekStart <= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)).toBe(
      true,
    );
    const scoped = await srv.http
      .get("/api/moderation/dashboard")
      .query({ groupId: never.group.id })
      .set("Authorization", never.moderator.auth);
    expect(scoped.body.weeks[11]).toMatchObject({
      alerts: 1,
      ackedInTimeShare: 0,
      medianAckSeconds: null,
      escalated: 0,
    });
    const mine = await srv.http.get("/api/moderation/dashboard").set("Authorization", late.moderator.auth);
    const w = (mine.body as Dashboard).weeks[11]!;
    expect(w.alerts).toBe(1);
    expect(w.escalated).toBe(1);
    expect(w.ackedInTimeShare).toBe(0);
    expect(w.medianAckSeconds).toBeGreaterThanOrEqual(600);
    const first = (await srv.http.get("/api/moderation/dashboard").set("Authorization", r.moderator.auth))
      .body as Dashboard;
    expect(first.weeks[11]).toMatchObject({ alerts: 1, ackedInTimeShare: 1, escalated: 0 });
    expect(first.weeks.slice(0, 11).every((x) => x.alerts === 0 && x.ackedInTimeShare === null)).toBe(true);
  });
});
