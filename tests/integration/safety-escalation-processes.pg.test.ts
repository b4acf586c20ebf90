import { sql } from "@carecircle/server";
import { expect, it } from "vitest";
import { ALWAYS } from "../factories/alerts.js";
import { api, apiOk, remoteLogin } from "../setup/child-world.js";
import { useTwoProcesses } from "../setup/nodes.js";
import { pause, until } from "../setup/until.js";

/*
 * Escalation with two real server processes on one PostgreSQL database (docs/decisions/072): both
 * poll every 100 ms with FOR UPDATE SKIP LOCKED; every step of every alert happens exactly once.
 * (PGlite is one process by nature: safety-escalation.test.ts runs two nodes in one process there.)
 */

const ADMIN = { email: "admin@escalation.test", password: "escalation-admin-pw" };
const procs = useTwoProcesses(
  {
    JWT_SECRET: "escalation-secret-escalation-secret-0123",
    ESCALATE_AFTER_SECONDS: "1",
    ESCALATE_ADMINS_AFTER_SECONDS: "2",
    ESCALATION_POLL_MS: "100",
  },
  ADMIN,
);
const rows = procs.rows;
const login = remoteLogin;

it("two server processes take every escalation step of every alert exactly once", async () => {
  const { a, b } = procs;
  const admin = await login(a, ADMIN.email, ADMIN.password);
  for (const [email, name] of [
    ["duty@escalation.test", "值班社工"],
    ["mod@escalation.test", "群管理社工"],
  ] as const)
    await apiOk(
      a,
      "POST",
      "/api/admin/users",
      admin,
      { email, password: "escalation-sw-pw-1", displayName: name, role: "social_worker" },
      201,
    );
  const duty = await login(b, "duty@escalation.test", "escalation-sw-pw-1");
  const mod = await login(a, "mod@escalation.test", "escalation-sw-pw-1");
  await apiOk(b, "PUT", "/api/me/duty-hours", duty, { shifts: ALWAYS }, 200);
  const group = await apiOk(a, "POST", "/api/groups", mod, { name: "互助群", topic: "autism" }, 201);
  const mama = { email: "mama@escalation.test", password: "escalation-cg-pw-1" };
  await apiOk(b, "POST", "/api/auth/register", undefined, { ...mama, displayName: "妈妈" }, 202);
  const reg = await apiOk(b, "POST", "/api/auth/login", undefined, mama, 200);
  await apiOk(b, "POST", `/api/groups/${group.id}/join`, reg.token, undefined, 200);
  for (let i = 0; i < 8; i++) {
    const res = await api(a, "POST", `/api/groups/${group.id}/messages`, reg.token, {
      clientId: crypto.randomUUID(),
      body: `第${i}次：我不想活了`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await until(
    async () => {
      const [r] = await rows<{ n: string }>(
        sql`select count(*) as n from crisis_alerts where escalation_step = 2`,
      );
      return Number(r!.n) === 8;
    },
    { timeoutMs: 15_000, everyMs: 100, what: "every alert to reach step 2" },
  );
  // A duplicate step by the other process would land within its next polls.
  await pause(500);
  const steps = await rows<{ step: number; n: string }>(
    sql`select step, count(*) as n from alert_escalations group by step order by step`,
  );
  expect(steps.map((s) => [s.step, Number(s.n)])).toEqual([
    [1, 8],
    [2, 8],
  ]);
  const notes = await rows<{ n: string }>(
    sql`select count(*) as n from notifications where kind = 'alert_escalated'
        group by user_id, payload->>'alertId', payload->>'step'`,
  );
  // Step 1: the one on-duty social worker; step 2: the one admin. One notification each, per alert.
  expect(notes.length).toBe(16);
  expect(notes.every((n) => Number(n.n) === 1)).toBe(true);
  const audit = await rows<{ n: string }>(
    sql`select count(*) as n from audit_log where action = 'alert_escalated'`,
  );
  expect(Number(audit[0]!.n)).toBe(16);
});
