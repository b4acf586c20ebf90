import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildConfig, createCareCircle, createLogger, openDatabase } from "@carecircle/server";
import supertest from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { backupServer, restoreServer } from "../../server/src/db/backup.js";
import { freshDatabase, onRealPostgres } from "../setup/database.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), "cc-backup-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const account = (n: number) => ({
  email: `backup${n}@example.com`,
  password: "backup-test-password",
  displayName: `B${n}`,
});

/** Start a real server on `dataDir` (embedded) or on an open handle, run `fn` against it, close it. */
async function withServer<T>(
  opts: { dataDir: string; dbHandle?: Awaited<ReturnType<typeof openDatabase>> },
  fn: (http: ReturnType<typeof supertest>) => Promise<T>,
): Promise<T> {
  const cc = await createCareCircle({
    config: buildConfig({ dataDir: opts.dataDir, jwtSecret: "b".repeat(40) }),
    logger: createLogger("silent"),
    ...(opts.dbHandle ? { dbHandle: opts.dbHandle } : {}),
  });
  const port = await cc.listen(0, "127.0.0.1");
  try {
    return await fn(supertest(`http://127.0.0.1:${port}`));
  } finally {
    await cc.close();
  }
}

const loginStatus = (http: ReturnType<typeof supertest>, n: number) =>
  http
    .post("/api/auth/login")
    .send({ email: account(n).email, password: account(n).password })
    .then((r) => r.status);

// Each CI pass proves the backup path of the database it runs on (no skipped tests either way).
const embedded = !onRealPostgres();

if (embedded)
  describe("backup and restore of the embedded database", () => {
    it("pnpm backup refuses a running server, then backup -> change -> restore gives back the old data", async () => {
      const dataDir = path.join(tmp, "embedded");
      const file = path.join(tmp, "embedded.tar.gz");
      const cli = (...args: string[]) =>
        execFileSync(process.execPath, [path.join(root, "server/dist/cli/backup.js"), ...args], {
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });

      await withServer({ dataDir }, async (http) => {
        await http.post("/api/auth/register").send(account(1)).expect(202);
        expect(() => cli("backup", file)).toThrow(/running/);
      });
      expect(cli("backup", file)).toContain("Backup written");

      await withServer({ dataDir }, async (http) => {
        await http.post("/api/auth/register").send(account(2)).expect(202);
        expect(await loginStatus(http, 2)).toBe(200);
      });
      expect(cli("restore", file)).toContain("Restored");

      await withServer({ dataDir }, async (http) => {
        expect(await loginStatus(http, 1)).toBe(200);
        expect(await loginStatus(http, 2)).toBe(401);
      });
    });
  });

if (!embedded)
  describe("backup and restore on a PostgreSQL server", () => {
    it("pg_dump -> change -> pg_restore gives back the old data", async () => {
      const dbHandle = await freshDatabase();
      const url = dbHandle.url!;
      const file = path.join(tmp, "server.dump");
      const dataDir = path.join(tmp, "pg");
      await withServer({ dataDir, dbHandle: await openDatabase({ databaseUrl: url }) }, async (http) => {
        await http.post("/api/auth/register").send(account(1)).expect(202);
        backupServer(url, file);
        await http.post("/api/auth/register").send(account(2)).expect(202);
      });
      restoreServer(url, file);
      await withServer({ dataDir, dbHandle: await openDatabase({ databaseUrl: url }) }, async (http) => {
        expect(await loginStatus(http, 1)).toBe(200);
        expect(await loginStatus(http, 2)).toBe(401);
      });
      await dbHandle.close();
    });
  });
