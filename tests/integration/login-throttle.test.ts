import { expect, it } from "vitest";
import { buildCaregiver } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer({ trustProxy: true });

it("slows password guessing from one address without locking the real user out", async () => {
  const victim = await buildCaregiver(srv);
  const attempt = (password: string, ip: string) =>
    srv.http.post("/api/auth/login").set("X-Forwarded-For", ip).send({ email: victim.email, password });

  for (let i = 0; i < 5; i++) expect((await attempt(`wrong-guess-${i}`, "203.0.113.7")).status).toBe(401);
  const limited = await attempt(victim.password, "203.0.113.7");
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe("RATE_LIMITED");
  expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);

  const owner = await attempt(victim.password, "198.51.100.20");
  expect(owner.status).toBe(200);
});

it("slows guessing the current password through the password-change route too", async () => {
  const victim = await buildCaregiver(srv);
  const change = (currentPassword: string) =>
    srv.http
      .post("/api/auth/password")
      .set("Authorization", victim.auth)
      .set("X-Forwarded-For", "203.0.113.9")
      .send({ currentPassword, newPassword: "a-brand-new-password-1" });
  for (let i = 0; i < 5; i++) expect((await change(`wrong-current-${i}`)).status).toBe(401);
  const limited = await change(victim.password);
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe("RATE_LIMITED");
  // nothing changed: the old password still logs in
  const login = await srv.http
    .post("/api/auth/login")
    .send({ email: victim.email, password: victim.password });
  expect(login.status).toBe(200);
});
