import { afterAll, describe, expect, it } from "vitest";
import { buildCaregiver } from "../factories/index.js";
import { startServer, type TestServer } from "../setup/server.js";

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));
async function server(overrides: Parameters<typeof startServer>[0]) {
  const s = await startServer(overrides);
  servers.push(s);
  return s;
}

describe("request limits", () => {
  it("rate-limits each caller separately with RATE_LIMITED and a retry time", async () => {
    const srv = await server({ rateLimitPerMinute: 60 });
    const a = await buildCaregiver(srv);
    const b = await buildCaregiver(srv);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await srv.http.get("/api/me").set("Authorization", a.auth)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
    const limited = await srv.http.get("/api/me").set("Authorization", a.auth);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // another family is not affected, and health checks never are
    expect((await srv.http.get("/api/me").set("Authorization", b.auth)).status).toBe(200);
    expect((await srv.http.get("/healthz")).status).toBe(200);
  });

  it("sheds load with 503 UNAVAILABLE instead of queueing without bound, then recovers", async () => {
    const srv = await server({ maxInflightRequests: 3 });
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        srv.http
          .post("/api/auth/register")
          .send({ email: `burst${i}@example.com`, password: "burst-password-1", displayName: `b${i}` })
          .then((r) => ({ status: r.status, code: r.body?.error?.code as string | undefined })),
      ),
    );
    const shed = burst.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    expect(shed.every((r) => r.code === "UNAVAILABLE")).toBe(true);
    expect(burst.every((r) => r.status === 202 || r.status === 503)).toBe(true);
    const after = await srv.http
      .post("/api/auth/register")
      .send({ email: "after-burst@example.com", password: "burst-password-1", displayName: "after" });
    expect(after.status).toBe(202);
  });

  it("answers oversized URLs and headers in the JSON error shape", async () => {
    const srv = await server({});
    const res = await fetch(`${srv.url}/api/me?x=${"a".repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(await res.json()).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: expect.any(String) } });
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });
});
