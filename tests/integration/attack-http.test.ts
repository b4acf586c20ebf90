import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildConfig, createCareCircle, loadConfig, schema } from "@carecircle/server";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressKey } from "../../server/src/lib/address.js";
import { seedDemoIfEmpty } from "../../server/src/seed/demo.js";
import { buildCaregiver, login } from "../factories/index.js";
import { freshDatabase } from "../setup/database.js";
import { startServer, type TestServer, useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

// Issue 14 (outside attack test): #7 slow bodies, #9 registration oracle, #13 demo accounts in
// production, #14 caching, source maps, session lifetime and the refresh cookie, #15 replay DoS.

const srv = useTestServer({}, { captureLogs: true });

const WEB = { "X-Requested-With": "carecircle" };
const PASSWORD = "correct-horse-battery-9";
const email = (p: string) => `${p}-${Math.random().toString(36).slice(2, 10)}@test.carecircle`;
const cookieOf = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers["set-cookie"] as string[] | undefined) ?? [])
    .find((c) => c.startsWith("cc_refresh="));

describe("#9 registration does not reveal whether an email is registered", () => {
  it("answers a taken email exactly like a new one, changes nothing, and logs it for the owner", async () => {
    const addr = email("oracle");
    const first = await srv.http
      .post("/api/auth/register")
      .send({ email: addr, password: PASSWORD, displayName: "原来的妈妈" });
    const again = await srv.http
      .post("/api/auth/register")
      .send({ email: addr, password: "attacker-password-1", displayName: "冒名" });
    expect(first.status).toBe(202);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.body).toEqual({ ok: true });
    expect(
      (await srv.http.post("/api/auth/login").send({ email: addr, password: "attacker-password-1" })).status,
    ).toBe(401);
    const owner = await login(srv, addr, PASSWORD);
    expect(owner.displayName).toBe("原来的妈妈");
    expect(srv.logs.some((l) => l.includes("register_existing_email") && l.includes(owner.id))).toBe(true);
  });

  it("limits registrations per address, and an IPv6 /64 counts as one address", async () => {
    const limited = await startServer({ registrationsPerHour: 3 });
    try {
      for (let i = 0; i < 3; i++)
        expect(
          (
            await limited.http
              .post("/api/auth/register")
              .send({ email: email("r"), password: PASSWORD, displayName: `家长${i}` })
          ).status,
        ).toBe(202);
      const res = await limited.http
        .post("/api/auth/register")
        .send({ email: email("r"), password: PASSWORD, displayName: "家长x" });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe("RATE_LIMITED");
      expect(res.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:ffff:1:2:3"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("::ffff:10.0.0.7")).toBe("10.0.0.7");
  });
});

describe("#13 no demo accounts in production", () => {
  it("defaults SEED_DEMO to off in production (and on in development)", () => {
    expect(loadConfig({ NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: "development" }).seedDemo).toBe(true);
  });

  it("refuses to start in production while demo accounts exist, unless explicitly allowed", async () => {
    const db = await freshDatabase();
    try {
      await seedDemoIfEmpty({ db: db.db, logger: srv.cc.logger });
      const config = buildConfig({
        nodeEnv: "production",
        jwtSecret: "x".repeat(40),
        dataDir: mkdtempSync(path.join(tmpdir(), "cc-")),
      });
      await expect(
        createCareCircle({ config, dbHandle: { ...db, close: async () => {} }, migrate: false }),
      ).rejects.toThrow(/ALLOW_DEMO_ACCOUNTS=true/);
      const allowed = await createCareCircle({
        config: { ...config, allowDemoAccounts: true },
        dbHandle: { ...db, close: async () => {} },
        migrate: false,
      });
      await allowed.close();
    } finally {
      await db.close();
    }
  });
});

describe("#14 caching, source maps, absolute session lifetime, HttpOnly refresh cookie", () => {
  it("sends Cache-Control: no-store on API answers with personal data", async () => {
    const cg = await buildCaregiver(srv);
    for (const p of ["/api/me", "/api/children", "/api/notifications"]) {
      const res = await srv.http.get(p).set("Authorization", cg.auth);
      expect(res.status, p).toBeLessThan(300);
      expect(res.headers["cache-control"], p).toBe("no-store");
    }
  });

  it("never serves source maps", async () => {
    const dist = mkdtempSync(path.join(tmpdir(), "cc-dist-"));
    writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>cc</title>");
    writeFileSync(path.join(dist, "app.js"), "console.log(1)");
    writeFileSync(path.join(dist, "app.js.map"), '{"sourcesContent":["secret source"]}');
    const web = await startServer({ clientDist: dist });
    try {
      expect((await web.http.get("/app.js")).status).toBe(200);
      const map = await web.http.get("/app.js.map");
      expect(map.status).toBe(404);
      expect(map.text).not.toContain("secret source");
    } finally {
      await web.close();
    }
  });

  it("gives the browser its refresh token only as an HttpOnly, Secure, SameSite=Strict cookie", async () => {
    const cg = await buildCaregiver(srv);
    const res = await srv.http.post("/api/auth/login").set(WEB).send({ email: cg.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toBeUndefined();
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth(;|$)/);
    const jar = cookie!.split(";")[0]!;
    // CSRF: the cookie alone (a cross-site form post) is refused, without spending the token.
    const forged = await srv.http.post("/api/auth/refresh").set("Cookie", jar).send({});
    expect(forged.status).toBe(403);
    expect(forged.body.error.details.reason).toBe("csrf");
    const ok = await srv.http.post("/api/auth/refresh").set(WEB).set("Cookie", jar).send({});
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));
    expect(cookieOf(ok)).toBeDefined();
    // Logout through the cookie ends it and clears the cookie.
    const next = cookieOf(ok)!.split(";")[0]!;
    const out = await srv.http.post("/api/auth/logout").set(WEB).set("Cookie", next).send({});
    expect(out.status).toBe(200);
    expect(cookieOf(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await srv.http.post("/api/auth/refresh").set(WEB).set("Cookie", next).send({})).status).toBe(401);
  });

  it("keeps the body token for non-browser clients", async () => {
    const cg = await buildCaregiver(srv);
    const res = await srv.http.post("/api/auth/refresh").send({ refreshToken: cg.refreshToken });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toEqual(expect.any(String));
  });

  it("ends a sign-in after the absolute session lifetime, however often it was refreshed", async () => {
    const short = await startServer({ sessionMaxDays: 1 });
    try {
      const cg = await buildCaregiver(short);
      const r1 = await short.http.post("/api/auth/refresh").send({ refreshToken: cg.refreshToken });
      expect(r1.status).toBe(200);
      // (this server's database holds only this user's tokens)
      const day = 24 * 60 * 60 * 1000;
      await short.cc.deps.db
        .update(schema.refreshTokens)
        .set({ familyStartedAt: new Date(Date.now() - 2 * day), expiresAt: new Date(Date.now() + 20 * day) });
      // The token itself is still "valid" for 20 days; the sign-in is over.
      const r2 = await short.http.post("/api/auth/refresh").send({ refreshToken: r1.body.refreshToken });
      expect(r2.status).toBe(401);
      const fresh = await short.http.post("/api/auth/login").send({ email: cg.email, password: PASSWORD });
      expect(fresh.status).toBe(200);
      const live = (await short.cc.deps.db.select().from(schema.refreshTokens)).filter(
        (t) => !t.revokedAt && t.familyStartedAt.getTime() > Date.now() - 60_000,
      );
      expect(live).toHaveLength(1);
      expect(live[0]!.expiresAt.getTime()).toBeLessThanOrEqual(live[0]!.familyStartedAt.getTime() + day);
    } finally {
      await short.close();
    }
  });
});

describe("#15 replaying a logged-out refresh token does not sign the user out elsewhere", () => {
  it("refuses a logged-out token and leaves the other sessions alone", async () => {
    const cg = await buildCaregiver(srv);
    const phone = await login(srv, cg.email, PASSWORD);
    expect((await srv.http.post("/api/auth/logout").send({ refreshToken: cg.refreshToken })).status).toBe(
      200,
    );
    const replay = await srv.http.post("/api/auth/refresh").send({ refreshToken: cg.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("UNAUTHENTICATED");
    expect((await srv.http.post("/api/auth/refresh").send({ refreshToken: phone.refreshToken })).status).toBe(
      200,
    );
  });

  it("reuse of a rotated token revokes that sign-in's tokens only", async () => {
    const cg = await buildCaregiver(srv);
    const other = await login(srv, cg.email, PASSWORD);
    const rotated = await srv.http.post("/api/auth/refresh").send({ refreshToken: cg.refreshToken });
    expect(rotated.status).toBe(200);
    expect((await srv.http.post("/api/auth/refresh").send({ refreshToken: cg.refreshToken })).status).toBe(
      401,
    );
    expect(
      (await srv.http.post("/api/auth/refresh").send({ refreshToken: rotated.body.refreshToken })).status,
    ).toBe(401);
    expect((await srv.http.post("/api/auth/refresh").send({ refreshToken: other.refreshToken })).status).toBe(
      200,
    );
  });
});

/** A request that declares a 60 KB body and then trickles one byte at a time. */
function slowBody(port: number, localAddress: string): net.Socket {
  const s = net.connect({ port, host: "127.0.0.1", localAddress });
  s.on("error", () => {});
  s.write(
    "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{",
  );
  const t = setInterval(() => (s.writable ? s.write(" ") : clearInterval(t)), 200);
  s.on("close", () => clearInterval(t));
  return s;
}

describe("#7 slow request bodies from one address do not starve everyone else", () => {
  let slow: TestServer;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    slow = await startServer({ maxInflightRequests: 40, maxInflightPerAddress: 8, requestTimeoutMs: 3000 });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await slow.close();
  });

  it("serves another address while one address holds many slow bodies, and cuts the slow ones off", async () => {
    const refused = new Set<net.Socket>();
    for (let i = 0; i < 60; i++) {
      const s = slowBody(slow.port, "127.0.0.2");
      s.once("data", () => refused.add(s));
      sockets.push(s);
    }
    // All of the address's slots are taken once everything beyond them has been answered.
    await until(() => refused.size >= 60 - 8, {
      what: "the slow bodies beyond the address's limit to be refused",
    });
    const res = await supertest(slow.url).get("/api/openapi.json");
    expect(res.status).toBe(200);
    // The attacker's own excess was refused at once.
    const extra = await new Promise<string>((resolve) => {
      const s = net.connect({ port: slow.port, host: "127.0.0.1", localAddress: "127.0.0.2" }, () =>
        s.write("GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
      );
      let data = "";
      s.on("data", (d) => (data += d));
      s.on("end", () => resolve(data));
      s.on("error", () => resolve(data));
    });
    expect(extra).toMatch(/^HTTP\/1\.1 429/);
    expect(extra).toContain("RATE_LIMITED");
    // requestTimeout ends the trickling requests.
    const connections = () => new Promise<number>((r) => slow.cc.httpServer.getConnections((_e, n) => r(n)));
    await until(async () => (await connections()) === 0, {
      timeoutMs: 4_500,
      what: "the slow bodies to be cut off",
    });
    expect(await connections()).toBe(0);
  }, 15_000);
});
