import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import {
  assignSocialWorker,
  buildAdmin,
  buildStaff,
  closeAllSockets,
  connectSocket,
  crisisRoom,
  nextEvent,
  notificationsOf,
  sendOk,
  setDutyHours,
  sqlRows,
} from "../factories/index.js";
import { useNodes } from "../setup/nodes.js";
import { startServer, type TestServer } from "../setup/server.js";
import { pause, until } from "../setup/until.js";

/*
 * Escalation of alerts nobody acknowledges (docs/decisions/072), with short delays: the due time
 * lives in the database, every node polls it with FOR UPDATE SKIP LOCKED, each step happens once.
 */

const FAST = { escalateAfterSeconds: 1, escalateAdminsAfterSeconds: 2, escalationPollMs: 100 };
const nodes = useNodes();

async function escalationRows(srv: TestServer, alertId: string) {
  return sqlRows<{ step: number; recipients: number }>(
    srv,
    sql`select step, recipients from alert_escalations where alert_id = ${alertId} order by step`,
  );
}

async function countWhere(srv: TestServer, q: ReturnType<typeof sql>): Promise<number> {
  const [r] = await sqlRows<{ n: string | number }>(srv, q);
  return Number(r?.n ?? 0);
}

/** A world on `srv`: an always-on-duty social worker, the author's assigned one, the group's moderator. */
async function world(srv: TestServer) {
  const room = await crisisRoom(srv);
  const onDuty = await buildStaff(srv, "social_worker", "值班社工");
  const assigned = await buildStaff(srv, "social_worker", "责任社工");
  await setDutyHours(srv, onDuty);
  await assignSocialWorker(srv, room.author.familyId!, assigned.id);
  return { ...room, onDuty, assigned, admin: await buildAdmin(srv) };
}

describe("escalation at the configured times", () => {
  it("goes to on-duty and assigned social workers, then to admins, each step once, pushed and listed", async () => {
    const srv = await nodes.node(FAST);
    const w = await world(srv);
    const [dutySocket, adminSocket, modSocket] = await Promise.all([
      connectSocket(srv, w.onDuty.token),
      connectSocket(srv, w.admin.token),
      connectSocket(srv, w.moderator.token),
    ]);
    const step1 = nextEvent(dutySocket, "moderation:alert", (a) => a.escalationStep === 1, 8000);
    const step2 = nextEvent(adminSocket, "moderation:alert", (a) => a.escalationStep === 2, 8000);
    const modSees = nextEvent(modSocket, "alert:updated", (a) => a.escalationStep === 1, 8000);
    const msg = await sendOk(w.as, w.group.id, "今天又被劝退了，我真的不想活了");
    const t0 = Date.parse(msg.createdAt);

    const [early] = await sqlRows<{ id: string; escalation_step: number }>(
      srv,
      sql`select id, escalation_step from crisis_alerts where message_id = ${msg.id}`,
    );
    expect(early!.escalation_step).toBe(0);
    const alertId = early!.id;

    const a1 = await step1;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(a1).toMatchObject({ id: alertId, kind: "crisis", escalationStep: 1, status: "open" });
    expect((await modSees).escalationStep).toBe(1);
    const a2 = await step2;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(a2.escalations.map((e) => e.step)).toEqual([1, 2]);
    expect(a2.nextEscalationAt).toBeNull();

    await until(async () => (await escalationRows(srv, alertId)).length >= 2, { what: "both steps stored" });
    expect(await escalationRows(srv, alertId)).toEqual([
      { step: 1, recipients: 2 },
      {
        step: 2,
        recipients: await countWhere(srv, sql`select count(*) as n from users where role = 'admin'`),
      },
    ]);
    for (const who of [w.onDuty, w.assigned, w.admin]) {
      const notes = await notificationsOf(srv, who, "alert_escalated");
      expect(
        notes.filter((n) => n.payload.alertId === alertId),
        who.displayName,
      ).toHaveLength(1);
      // Ids, tier and step only: never the message text.
      expect(JSON.stringify(notes)).not.toContain("不想活");
    }
    expect(await notificationsOf(srv, w.moderator, "alert_escalated")).toHaveLength(0);
    expect(
      await countWhere(
        srv,
        sql`select count(*) as n from audit_log where action = 'alert_escalated' and after->>'alertId' = ${alertId}`,
      ),
    ).toBe(2);
    // Escalation recipients may now see and act on the alert.
    const res = await srv.http
      .post(`/api/moderation/alerts/${alertId}/claim`)
      .set("Authorization", w.assigned.auth)
      .send({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it("an alert acknowledged in time never escalates", async () => {
    const srv = await nodes.node({ ...FAST, escalateAfterSeconds: 1.5, escalateAdminsAfterSeconds: 2 });
    const w = await world(srv);
    const msg = await sendOk(w.as, w.group.id, "撑不下去了");
    const [a] = await sqlRows<{ id: string }>(
      srv,
      sql`select id from crisis_alerts where message_id = ${msg.id}`,
    );
    const ack = await srv.http
      .post(`/api/moderation/alerts/${a!.id}/acknowledge`)
      .set("Authorization", w.moderator.auth)
      .send({ note: "已电话联系，她现在安全，明天家访" });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.alert).toMatchObject({
      status: "acknowledged",
      escalationStep: 0,
      nextEscalationAt: null,
    });
    // Past both due times, with the poller running every 100 ms: real time is what this exercises.
    await pause(2600);
    expect(await escalationRows(srv, a!.id)).toEqual([]);
    expect(await notificationsOf(srv, w.onDuty, "alert_escalated")).toHaveLength(0);
  });
});

describe("several nodes and restarts", () => {
  it("two server nodes polling one database take every step exactly once", async () => {
    const db = await nodes.sharedDb();
    const fast = { ...FAST, escalationPollMs: 50 };
    const a = await nodes.node(fast, db);
    await nodes.node(fast, await nodes.anotherHandle(db)); // a second node polling the same database
    const w = await world(a);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const m = await sendOk(w.as, w.group.id, `第${i}次：我不想活了`);
      const [r] = await sqlRows<{ id: string }>(
        a,
        sql`select id from crisis_alerts where message_id = ${m.id}`,
      );
      ids.push(r!.id);
    }
    await until(
      async () =>
        (await countWhere(a, sql`select count(*) as n from crisis_alerts where escalation_step = 2`)) ===
        ids.length,
      { timeoutMs: 10_000, everyMs: 50, what: "every alert at step 2" },
    );
    // A second node's duplicate step would land within its next polls.
    await pause(400);
    const admins = await countWhere(a, sql`select count(*) as n from users where role = 'admin'`);
    for (const id of ids)
      expect(await escalationRows(a, id)).toEqual([
        { step: 1, recipients: 2 },
        { step: 2, recipients: admins },
      ]);
    const perRecipient = await sqlRows<{ user_id: string; alert: string; n: string | number }>(
      a,
      sql`select user_id, payload->>'alertId' as alert, count(*) as n from notifications
          where kind = 'alert_escalated' group by user_id, payload->>'alertId'`,
    );
    expect(perRecipient.length).toBe(ids.length * (2 + admins));
    expect(perRecipient.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it("a step due while no node runs fires once after a restart", async () => {
    const db = await nodes.sharedDb();
    const slow = { escalateAfterSeconds: 2, escalateAdminsAfterSeconds: 60, escalationPollMs: 100 };
    const first = await startServer(slow, { dbHandle: db });
    const w = await world(first);
    const msg = await sendOk(w.as, w.group.id, "活不下去了，不想活了");
    const [a] = await sqlRows<{ id: string }>(
      first,
      sql`select id from crisis_alerts where message_id = ${msg.id}`,
    );
    // The first node polls a few times (nothing is due yet), then stops.
    await pause(300);
    closeAllSockets();
    await first.close();
    // The step falls due while no node runs: move its due time into the past in the database.
    await sqlRows(
      first,
      sql`update crisis_alerts set next_escalation_at = now() - interval '200 milliseconds' where id = ${a!.id}`,
    );
    expect(await escalationRows(first, a!.id)).toEqual([]);
    const second = await nodes.node(slow, await nodes.anotherHandle(db));
    await until(async () => (await escalationRows(second, a!.id)).length === 1, {
      timeoutMs: 5000,
      everyMs: 50,
      what: "the step after the restart",
    });
    // A repeat of the step would land within the next polls.
    await pause(500);
    expect(await escalationRows(second, a!.id)).toEqual([{ step: 1, recipients: 2 }]);
    const notes = await notificationsOf(second, w.onDuty, "alert_escalated");
    expect(notes.filter((n) => n.payload.alertId === a!.id)).toHaveLength(1);
  });
});
