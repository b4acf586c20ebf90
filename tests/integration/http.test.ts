import { describe, expect, it } from "vitest";
import { buildAdmin, buildCaregiver, connectSocket, nextEvent } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

describe("HTTP edges", () => {
  it("/healthz answers while the process is up; /readyz reports the database", async () => {
    const health = await srv.http.get("/healthz");
    expect(health.status).toBe(200);
    const ready = await srv.http.get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.database).toEqual({ kind: process.env.DATABASE_URL ? "pg" : "pglite", ok: true });
  });

  it("malformed JSON -> 400 MALFORMED_JSON with the error shape and no stack", async () => {
    const res = await srv.http
      .post("/api/auth/login")
      .set("Content-Type", "application/json")
      .send('{"email": "a@b.c",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "MALFORMED_JSON", message: expect.any(String) } });
    expect(res.text).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it("an oversize body -> 413 PAYLOAD_TOO_LARGE", async () => {
    const res = await srv.http
      .post("/api/auth/register")
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ email: "big@example.com", password: "x".repeat(200 * 1024), displayName: "x" }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("wrong types, missing body, arrays and prototype keys -> 400 VALIDATION_FAILED", async () => {
    const bodies: unknown[] = [
      { email: 42, password: true },
      [],
      JSON.parse(
        '{"email":"a@b.co","password":"long-enough-pw","displayName":"x","__proto__":{"role":"admin"}}',
      ),
      { email: "a@b.co", password: "long-enough-pw", displayName: "x", role: "admin" },
    ];
    for (const body of bodies) {
      const res = await srv.http
        .post("/api/auth/register")
        .set("Content-Type", "application/json")
        .send(JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    // Strict JSON: a bare string at the top level is not an API body.
    const bare = await srv.http
      .post("/api/auth/login")
      .set("Content-Type", "application/json")
      .send('"just a string"');
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe("MALFORMED_JSON");
    const none = await srv.http.post("/api/auth/login");
    expect(none.status).toBe(400);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    // Nothing was created by any of the refused bodies.
    const login = await srv.http
      .post("/api/auth/login")
      .send({ email: "a@b.co", password: "long-enough-pw" });
    expect(login.status).toBe(401);
  });

  it("unknown API routes answer JSON 404", async () => {
    const res = await srv.http.get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });

  it("sets security headers", async () => {
    const res = await srv.http.get("/healthz");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("publishes an OpenAPI document generated from the shared schemas", async () => {
    const res = await srv.http.get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const register = res.body.paths["/api/auth/register"].post;
    expect(register.requestBody.content["application/json"].schema.properties).toHaveProperty("email");
    expect(res.body.paths["/api/children/{id}"].get.parameters[0]).toMatchObject({ name: "id", in: "path" });
  });
});

describe("socket handshake", () => {
  it("refuses a socket without a token, with a bad token, or of a disabled user, with a clear code", async () => {
    await expect(connectSocket(srv, undefined)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(connectSocket(srv, "garbage")).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    const a = await buildCaregiver(srv);
    const live = await connectSocket(srv, a.token);
    expect(live.connected).toBe(true);

    const ended = nextEvent(live, "session:ended");
    const gone = new Promise<string>((resolve) => live.once("disconnect", (reason) => resolve(reason)));
    const admin = await buildAdmin(srv);
    await srv.http.post(`/api/admin/users/${a.id}/disable`).set("Authorization", admin.auth).expect(200);
    expect(await ended).toEqual({ reason: "disabled" });
    expect(await gone).toBe("io server disconnect");
    await expect(connectSocket(srv, a.token)).rejects.toMatchObject({ data: { code: "ACCOUNT_DISABLED" } });
  });
});
