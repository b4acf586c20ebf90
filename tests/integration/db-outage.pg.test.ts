import {
  buildConfig,
  type CareCircle,
  createCareCircle,
  createLogger,
  openDatabase,
} from "@carecircle/server";
import supertest from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startPrivatePostgres } from "../setup/private-postgres.js";
import { pause, until } from "../setup/until.js";

let pg: Awaited<ReturnType<typeof startPrivatePostgres>>;
let cc: CareCircle;
let http: ReturnType<typeof supertest>;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  cc = await createCareCircle({
    config: buildConfig({ dataDir: "/tmp/cc-outage", jwtSecret: "o".repeat(40) }),
    dbHandle: await openDatabase({ databaseUrl: pg.url }),
    logger: createLogger("silent"),
  });
  http = supertest(`http://127.0.0.1:${await cc.listen(0, "127.0.0.1")}`);
});
afterAll(async () => {
  await cc?.close();
  pg?.destroy();
});

const timed = async <T>(fn: () => Promise<T>) => {
  const t = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - t };
};

it("stays up through a PostgreSQL outage, answers 503 fast, and recovers without a restart", async () => {
  const reg = await http
    .post("/api/auth/register")
    .send({ email: "outage@example.com", password: "outage-password", displayName: "o" });
  expect(reg.status).toBe(202);
  const signedIn = await http
    .post("/api/auth/login")
    .send({ email: "outage@example.com", password: "outage-password" });
  expect(signedIn.status).toBe(200);
  const auth = `Bearer ${signedIn.body.token}`;
  expect((await http.get("/readyz")).status).toBe(200);

  // traffic keeps flowing while the database goes away
  let stopTraffic = false;
  const statuses: number[] = [];
  const traffic = (async () => {
    while (!stopTraffic) {
      const r = await http.get("/api/me").set("Authorization", auth);
      statuses.push(r.status);
      await pause(20);
    }
  })();

  pg.stop();

  const ready = await timed(() => http.get("/readyz"));
  expect(ready.value.status).toBe(503);
  expect(ready.value.body.error.code).toBe("UNAVAILABLE");
  expect(ready.ms).toBeLessThan(4000);

  for (const call of [
    () => http.get("/api/me").set("Authorization", auth),
    () => http.post("/api/auth/login").send({ email: "outage@example.com", password: "outage-password" }),
    () => http.get("/api/children").set("Authorization", auth),
  ]) {
    const r = await timed(call);
    expect(r.value.status).toBe(503);
    expect(r.value.body).toEqual({ error: { code: "UNAVAILABLE", message: expect.any(String) } });
    expect(r.ms).toBeLessThan(4000);
  }
  expect((await http.get("/healthz")).status).toBe(200);

  pg.start();
  await until(async () => (await http.get("/readyz")).status === 200, {
    timeoutMs: 10_000,
    everyMs: 200,
    what: "/readyz to recover",
  });
  expect((await http.get("/api/me").set("Authorization", auth)).status).toBe(200);
  stopTraffic = true;
  await traffic;
  expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
  expect(statuses).toContain(503);
});
