import { sql } from "@carecircle/server";
import { PUSH_KINDS } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildStaff,
  type ClientSocket,
  connectSocket,
  login,
  setPushPreferences,
  sqlCount,
  sqlOne,
  sqlRows,
  subscribePush,
} from "../factories/index.js";
import { LoopbackPushService } from "../setup/push-service.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Recovery without email or SMS (issue 16 §5, decision 109): the family's social worker or an
 * admin issues a one-time code, reads it out by phone, and the caregiver sets a new password.
 */

const srv = useTestServer({ pushPollMs: 100 }, { captureLogs: true });
const pushes = new LoopbackPushService();
const PASSWORD = "correct-horse-battery-9";
const NEW_PASSWORD = "my-grandson-is-seven-7";
let seq = 0;
let admin: Account;
let sw: Account;
let swOther: Account;
let staff: Account;

/** A grandmother who signs in with her mobile number, in a family `sw` is assigned to. */
async function grandmother(): Promise<Account & { phone: string }> {
  const phone = `138${String(Date.now() % 1e5).padStart(5, "0")}${String(++seq).padStart(3, "0")}`;
  const reg = await srv.http
    .post("/api/auth/register")
    .send({ phone, password: PASSWORD, displayName: `外婆${seq}` });
  expect(reg.status).toBe(202);
  const a = await login(srv, phone, PASSWORD);
  await assignSocialWorker(srv, a.familyId!, sw.id);
  return { ...a, phone };
}

const issue = (by: Account, userId: string) =>
  srv.http.post(`/api/users/${userId}/reset-code`).set("Authorization", by.auth);
async function codeFor(by: Account, userId: string): Promise<string> {
  const res = await issue(by, userId);
  expect(res.status, res.text).toBe(201);
  return res.body.code as string;
}
const reset = (identifier: string, code: string, newPassword = NEW_PASSWORD) =>
  srv.http.post("/api/auth/reset").send({ identifier, code, newPassword });
const me = (token: string) => srv.http.get("/api/me").set("Authorization", `Bearer ${token}`);

afterAll(() => pushes.stop());
beforeAll(async () => {
  await pushes.start();
  admin = await buildAdmin(srv);
  [sw, swOther, staff] = await Promise.all([
    buildStaff(srv, "social_worker"),
    buildStaff(srv, "social_worker"),
    buildStaff(srv, "station_staff"),
  ]);
});

describe("who may issue a reset code", () => {
  it("her social worker and admins may; another social worker gets 404, others 403", async () => {
    const g = await grandmother();
    const res = await issue(sw, g.id);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^\d{8}$/);
    const ttl = Date.parse(res.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(23.9 * 3_600_000);
    expect(ttl).toBeLessThanOrEqual(24 * 3_600_000);
    expect((await issue(admin, g.id)).status).toBe(201);
    const other = await issue(swOther, g.id);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("NOT_FOUND");
    for (const who of [staff, g]) expect((await issue(who, g.id)).status).toBe(403);
    expect((await srv.http.post(`/api/users/${g.id}/reset-code`)).status).toBe(401);
  });

  it("a social worker cannot reset staff; an admin cannot reset an admin; unknown ids are 404", async () => {
    expect((await issue(sw, swOther.id)).status).toBe(404);
    expect((await issue(admin, sw.id)).status).toBe(201);
    const peer = await buildStaff(srv, "admin");
    expect((await issue(admin, peer.id)).status).toBe(403);
    expect((await issue(admin, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await issue(admin, "not-a-uuid")).status).toBe(400);
  });

  it("the code is stored only as a keyed hash and is never logged or audited", async () => {
    const g = await grandmother();
    const code = await codeFor(sw, g.id);
    const row = await sqlOne<{ h: string }>(
      srv,
      sql`select reset_code_hash as h from users where id = ${g.id}`,
    );
    expect(row.h).toMatch(/^[0-9a-f]{64}$/);
    expect(row.h).not.toContain(code);
    const audit = await sqlRows<{ after: unknown; actor_id: string }>(
      srv,
      sql`select actor_id, after from audit_log where action = 'reset_code_issued' and target_user_id = ${g.id}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(sw.id);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(code);
    expect(srv.logs.some((l) => l.includes(code))).toBe(false);
  });
});

describe("setting a new password with a code", () => {
  it("ends every other session, signs in, and is audited", async () => {
    const g = await grandmother();
    const socket: ClientSocket = await connectSocket(srv, g.token);
    const gone = new Promise<string>((resolve) => socket.once("disconnect", (r) => resolve(r)));
    const code = await codeFor(sw, g.id);
    const res = await reset(`+86 ${g.phone}`, `${code.slice(0, 4)} ${code.slice(4)}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.user.id).toBe(g.id);
    expect((await me(res.body.token)).status).toBe(200);
    expect((await me(g.token)).status).toBe(401);
    expect(await gone).toBe("io server disconnect");
    const refresh = await srv.http.post("/api/auth/refresh").send({ refreshToken: g.refreshToken });
    expect(refresh.status).toBe(401);
    expect(
      (await srv.http.post("/api/auth/login").send({ identifier: g.phone, password: PASSWORD })).status,
    ).toBe(401);
    expect((await login(srv, g.phone, NEW_PASSWORD)).id).toBe(g.id);
    const used = await sqlCount(
      srv,
      sql`select count(*) from audit_log where action = 'reset_code_used' and target_user_id = ${g.id} and actor_id = ${g.id}`,
    );
    expect(used).toBe(1);
  });

  it("a code works once, and a new code replaces the old one", async () => {
    const g = await grandmother();
    const first = await codeFor(sw, g.id);
    const second = await codeFor(admin, g.id);
    expect((await reset(g.phone, first)).status).toBe(401);
    expect((await reset(g.phone, second)).status).toBe(200);
    const again = await reset(g.phone, second, "yet-another-password-3");
    expect(again.status).toBe(401);
    expect((await login(srv, g.phone, NEW_PASSWORD)).id).toBe(g.id);
  });

  it("a code older than 24 hours no longer works", async () => {
    const g = await grandmother();
    const code = await codeFor(sw, g.id);
    await sqlRows(
      srv,
      sql`update users set reset_code_expires_at = now() - interval '1 second' where id = ${g.id}`,
    );
    expect((await reset(g.phone, code)).status).toBe(401);
    expect((await login(srv, g.phone, PASSWORD)).id).toBe(g.id);
  });

  it("every failure answers alike: an unknown number, no live code, a wrong code", async () => {
    const g = await grandmother();
    const answers = [await reset("13700000000", "12345678"), await reset(g.phone, "12345678")];
    const code = await codeFor(sw, g.id);
    const wrong = code === "00000000" ? "00000001" : "00000000";
    answers.push(await reset(g.phone, wrong));
    const bodies = answers.map((r) => ({ status: r.status, body: r.body }));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]!.status).toBe(401);
    expect(bodies[0]!.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("wrong codes are throttled per number like logins, and enough of them drop the code", async () => {
    const g = await grandmother();
    const code = await codeFor(sw, g.id);
    const wrong = code === "11111111" ? "22222222" : "11111111";
    for (let i = 0; i < 5; i++) expect((await reset(g.phone, wrong)).status).toBe(401);
    const limited = await reset(g.phone, code);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(await sqlCount(srv, sql`select reset_code_failures from users where id = ${g.id}`)).toBe(5);

    const h = await grandmother();
    const hers = await codeFor(sw, h.id);
    await sqlRows(srv, sql`update users set reset_code_failures = 9 where id = ${h.id}`);
    expect((await reset(h.phone, hers === "33333333" ? "44444444" : "33333333")).status).toBe(401);
    expect((await reset(h.phone, hers)).status).toBe(401);
  });

  it("a common or short new password is refused by field and the code stays usable", async () => {
    const g = await grandmother();
    const code = await codeFor(sw, g.id);
    const common = await reset(g.phone, code, "password123");
    expect(common.status).toBe(400);
    expect(Object.keys(common.body.error.details.fields)).toEqual(["newPassword"]);
    const short = await reset(g.phone, code, "short");
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields).toHaveProperty("newPassword");
    expect((await reset(g.phone, code)).status).toBe(200);
  });
});

describe("the caregiver is told", () => {
  it("in her list and on her phone, even with every push turned off: who issued it (by role), never the code", async () => {
    const g = await grandmother();
    const phone = await subscribePush(srv, g, pushes);
    await setPushPreferences(srv, g, { kinds: Object.fromEntries(PUSH_KINDS.map((k) => [k, false])) });
    const code = await codeFor(sw, g.id);
    const adminCode = await codeFor(admin, g.id);
    const notes = await sqlRows<{ payload: Record<string, unknown> }>(
      srv,
      sql`select payload from notifications where user_id = ${g.id} and kind = 'reset_code_issued' order by created_at`,
    );
    expect(notes.map((n) => n.payload.issuedBy)).toEqual(["social_worker", "admin"]);
    for (const n of notes) {
      expect(Object.keys(n.payload).sort()).toEqual(["expiresAt", "issuedBy"]);
      for (const c of [code, adminCode]) expect(JSON.stringify(n.payload)).not.toContain(c);
    }
    await until(() => pushes.deliveredTo(phone).length === 2);
    expect(pushes.problems).toEqual([]);
    for (const push of pushes.deliveredTo(phone)) {
      expect(push.data).toMatchObject({ kind: "reset_code_issued", url: "/settings" });
      expect(push.data.title).toBe("有人为你的账号生成了密码重设码");
      for (const secret of [code, adminCode, sw.displayName]) expect(push.text).not.toContain(secret);
    }
  });

  it("if she did not ask for it, changing her password herself kills the code", async () => {
    const g = await grandmother();
    const code = await codeFor(sw, g.id);
    const changed = await srv.http
      .post("/api/auth/password")
      .set("Authorization", g.auth)
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status, changed.text).toBe(200);
    expect((await reset(g.phone, code, "someone-elses-choice-5")).status).toBe(401);
    expect((await login(srv, g.phone, NEW_PASSWORD)).id).toBe(g.id);
  });

  it("nothing is told when the code is refused", async () => {
    const g = await grandmother();
    expect((await issue(swOther, g.id)).status).toBe(404);
    expect(await sqlCount(srv, sql`select count(*) from notifications where user_id = ${g.id}`)).toBe(0);
  });
});
