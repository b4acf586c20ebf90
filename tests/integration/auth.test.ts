import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { buildAdmin, buildCaregiver, buildStaff, joinFamily, login } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const SECRET = "test-secret-test-secret-test-secret-0123456789";

describe("register, login, me", () => {
  it("registers a caregiver with a new family (202, then log in)", async () => {
    const reg = await srv.http
      .post("/api/auth/register")
      .send({ email: "Mei.Li@Example.com", password: "a-long-enough-pass", displayName: "小美妈妈" });
    expect(reg.status).toBe(202);
    expect(reg.body).toEqual({ ok: true });
    const res = await srv.http
      .post("/api/auth/login")
      .send({ email: "Mei.Li@Example.com", password: "a-long-enough-pass" });
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({
      email: "mei.li@example.com",
      displayName: "小美妈妈",
      role: "caregiver",
      locale: "zh-CN",
      status: "active",
    });
    expect(res.body.user.familyId).toEqual(expect.any(String));
    expect(res.body.user).not.toHaveProperty("passwordHash");

    const me = await srv.http.get("/api/me").set("Authorization", `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it("logs in case-insensitively by email", async () => {
    const a = await login(srv, "MEI.LI@example.com", "a-long-enough-pass");
    expect(a.email).toBe("mei.li@example.com");
  });

  it("creates nothing for a duplicate email, whatever its case, and does not say so (issue 14 #9)", async () => {
    const res = await srv.http
      .post("/api/auth/register")
      .send({ email: "mei.li@EXAMPLE.com", password: "another-long-pass", displayName: "x" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true });
    const login2 = await srv.http
      .post("/api/auth/login")
      .send({ email: "mei.li@example.com", password: "another-long-pass" });
    expect(login2.status).toBe(401);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const wrong = await srv.http
      .post("/api/auth/login")
      .send({ email: "mei.li@example.com", password: "nope-nope-nope" });
    const unknown = await srv.http
      .post("/api/auth/login")
      .send({ email: "nobody@example.com", password: "nope-nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("refuses short and common passwords", async () => {
    const short = await srv.http
      .post("/api/auth/register")
      .send({ email: "s@example.com", password: "short", displayName: "s" });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe("VALIDATION_FAILED");
    expect(short.body.error.details.fields.password).toBeDefined();
    const common = await srv.http
      .post("/api/auth/register")
      .send({ email: "c@example.com", password: "Password123", displayName: "c" });
    expect(common.status).toBe(400);
    expect(common.body.error.details.fields.password).toMatch(/common/);
  });

  it("lets a second caregiver join a family with its invite code, once approved", async () => {
    const mum = await buildCaregiver(srv);
    const grandma = await joinFamily(srv, mum, { displayName: "奶奶" });
    const after = await srv.http.get("/api/family").set("Authorization", grandma.auth);
    expect(after.body.caregivers.map((c: { displayName: string }) => c.displayName)).toContain("奶奶");
    const bad = await srv.http.post("/api/auth/register").send({
      email: "x9@example.com",
      password: "a-long-enough-pass",
      displayName: "x",
      inviteCode: "ZZZZZZZZ",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.inviteCode).toBeDefined();
  });

  it("updates display name, locale and presence visibility", async () => {
    const a = await buildCaregiver(srv);
    const res = await srv.http
      .patch("/api/me")
      .set("Authorization", a.auth)
      .send({ displayName: "  新名字 ", locale: "en", showPresence: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: "新名字", locale: "en", showPresence: false });
    const noop = await srv.http.patch("/api/me").set("Authorization", a.auth).send({});
    expect(noop.status).toBe(400);
    const role = await srv.http.patch("/api/me").set("Authorization", a.auth).send({ role: "admin" });
    expect(role.status).toBe(400);
    const me = await srv.http.get("/api/me").set("Authorization", a.auth);
    expect(me.body.role).toBe("caregiver");
  });
});

describe("access tokens", () => {
  it("refuses a missing, malformed, tampered, wrong-key, expired or alg:none token with 401", async () => {
    const a = await buildCaregiver(srv);
    const [h, p] = a.token.split(".");
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), role: "admin" })).toString("base64url")}.${a.token.split(".")[2]}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${p}.`;
    const wrongKey = jwt.sign({ typ: "access" }, "another-secret-another-secret-another", {
      subject: a.id,
      expiresIn: 60,
    });
    const expired = jwt.sign({ typ: "access", iat: Math.floor(Date.now() / 1000) - 3600 }, SECRET, {
      subject: a.id,
      expiresIn: 60,
      algorithm: "HS256",
    });
    const cases: [string, string | undefined][] = [
      ["missing", undefined],
      ["garbage", "Bearer not-a-token"],
      ["tampered", `Bearer ${tampered}`],
      ["alg none", `Bearer ${none}`],
      ["wrong key", `Bearer ${wrongKey}`],
      ["expired", `Bearer ${expired}`],
      ["basic scheme", `Basic ${Buffer.from("a:b").toString("base64")}`],
    ];
    for (const [name, header] of cases) {
      const req = srv.http.get("/api/me");
      const res = header ? await req.set("Authorization", header) : await req;
      expect(res.status, name).toBe(401);
      expect(res.body.error.code, name).toBe("UNAUTHENTICATED");
    }
    const valid = jwt.sign({ typ: "access" }, SECRET, { subject: a.id, expiresIn: 60, algorithm: "HS256" });
    expect((await srv.http.get("/api/me").set("Authorization", `Bearer ${valid}`)).status).toBe(200);
  });
});

describe("refresh tokens", () => {
  it("rotates on use, and a reused token revokes the whole session family", async () => {
    const a = await buildCaregiver(srv);
    const r1 = await srv.http.post("/api/auth/refresh").send({ refreshToken: a.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(a.refreshToken);
    const reuse = await srv.http.post("/api/auth/refresh").send({ refreshToken: a.refreshToken });
    expect(reuse.status).toBe(401);
    const afterTheft = await srv.http.post("/api/auth/refresh").send({ refreshToken: r1.body.refreshToken });
    expect(afterTheft.status).toBe(401);
  });

  it("logout revokes the refresh token", async () => {
    const a = await buildCaregiver(srv);
    expect((await srv.http.post("/api/auth/logout").send({ refreshToken: a.refreshToken })).status).toBe(200);
    expect((await srv.http.post("/api/auth/refresh").send({ refreshToken: a.refreshToken })).status).toBe(
      401,
    );
  });

  it("a password change needs the current password and revokes every refresh token", async () => {
    const a = await buildCaregiver(srv);
    const wrong = await srv.http
      .post("/api/auth/password")
      .set("Authorization", a.auth)
      .send({ currentPassword: "wrong-wrong-wrong", newPassword: "a-brand-new-password" });
    expect(wrong.status).toBe(401);
    const ok = await srv.http
      .post("/api/auth/password")
      .set("Authorization", a.auth)
      .send({ currentPassword: a.password, newPassword: "a-brand-new-password" });
    expect(ok.status).toBe(200);
    expect((await srv.http.post("/api/auth/refresh").send({ refreshToken: a.refreshToken })).status).toBe(
      401,
    );
    await login(srv, a.email, "a-brand-new-password");
  });
});

describe("roles and disabled accounts", () => {
  it("only an admin creates staff accounts; nobody can register as staff", async () => {
    const cg = await buildCaregiver(srv);
    const body = {
      email: "sw-x@example.com",
      password: "a-long-enough-pass",
      displayName: "社工",
      role: "social_worker",
    };
    const denied = await srv.http.post("/api/admin/users").set("Authorization", cg.auth).send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("FORBIDDEN");
    const selfPromote = await srv.http.post("/api/auth/register").send(body);
    expect(selfPromote.status).toBe(400);
    const sw = await buildStaff(srv, "social_worker");
    const swDenied = await srv.http
      .post("/api/admin/users")
      .set("Authorization", sw.auth)
      .send({ ...body, email: "sw-y@example.com" });
    expect(swDenied.status).toBe(403);
    expect(sw.role).toBe("social_worker");
  });

  it("a disabled account cannot log in, use old tokens or refresh", async () => {
    const admin = await buildAdmin(srv);
    const a = await buildCaregiver(srv);
    const res = await srv.http.post(`/api/admin/users/${a.id}/disable`).set("Authorization", admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("disabled");
    const old = await srv.http.get("/api/me").set("Authorization", a.auth);
    expect(old.status).toBe(403);
    expect(old.body.error.code).toBe("ACCOUNT_DISABLED");
    const again = await srv.http.post("/api/auth/login").send({ email: a.email, password: a.password });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe("ACCOUNT_DISABLED");
    expect((await srv.http.post("/api/auth/refresh").send({ refreshToken: a.refreshToken })).status).toBe(
      401,
    );
    const enabled = await srv.http.post(`/api/admin/users/${a.id}/enable`).set("Authorization", admin.auth);
    expect(enabled.body.status).toBe("active");
    // Disabling ended the old access token for good (issue 14 #3): re-enabling does not revive it.
    expect((await srv.http.get("/api/me").set("Authorization", a.auth)).status).toBe(401);
    const back = await srv.http.post("/api/auth/login").send({ email: a.email, password: a.password });
    expect(back.status).toBe(200);
    expect((await srv.http.get("/api/me").set("Authorization", `Bearer ${back.body.token}`)).status).toBe(
      200,
    );
  });
});
