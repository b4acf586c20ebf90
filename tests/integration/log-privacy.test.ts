import { expect, it } from "vitest";
import { buildCaregiver, buildChild } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer({ trustProxy: true }, { captureLogs: true });

it("logs security events without passwords, tokens, emails or private text", async () => {
  const secrets: string[] = [];
  const mum = await buildCaregiver(srv);
  secrets.push(mum.email, mum.password, mum.token, mum.refreshToken);
  const other = await buildCaregiver(srv);
  secrets.push(other.email, other.password, other.token);
  const child = await buildChild(srv, mum, { careNotes: { other: "PRIVATE-CARE-NOTE-7731" } });
  secrets.push("PRIVATE-CARE-NOTE-7731");

  // failed logins, a throttled login, a denial, an unauthenticated call, a duplicate registration
  for (let i = 0; i < 6; i++) {
    await srv.http
      .post("/api/auth/login")
      .set("X-Forwarded-For", "192.0.2.44")
      .send({ email: mum.email, password: `WRONG-PASSWORD-${i}` });
    secrets.push(`WRONG-PASSWORD-${i}`);
  }
  await srv.http.get(`/api/children/${child.id}`).set("Authorization", other.auth).expect(404);
  await srv.http
    .post("/api/admin/users")
    .set("Authorization", mum.auth)
    .send({ email: "x@y.zz" })
    .expect(403);
  await srv.http.get("/api/me").set("Authorization", `Bearer ${mum.token}x`).expect(401);
  await srv.http
    .post("/api/auth/register")
    .send({ email: mum.email, password: "DUPLICATE-PASSWORD-1", displayName: "dup" })
    .expect(202);
  secrets.push("DUPLICATE-PASSWORD-1");
  await srv.http.post("/api/auth/refresh").send({ refreshToken: mum.refreshToken }).expect(200);

  const log = srv.logs.join("\n");
  expect(srv.logs.length).toBeGreaterThan(10);
  expect(log).toContain("login_failed");
  expect(log).toMatch(/"status":40[13]/);
  for (const secret of secrets) expect(log, `log leaks ${secret.slice(0, 12)}...`).not.toContain(secret);
  expect(log.toLowerCase()).not.toContain(mum.email.split("@")[0]!.toLowerCase());
});
