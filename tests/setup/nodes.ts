import { type DbHandle, openDatabase, type sql } from "@carecircle/server";
import { afterAll, beforeAll } from "vitest";
import { closeAllSockets } from "../factories/sockets.js";
import { type ChildServer, spawnServer } from "./child-server.js";
import { freshDatabase } from "./database.js";
import { startServer, type TestServer } from "./server.js";

type Closable = { close(): Promise<void> };
type Config = Parameters<typeof startServer>[0];
type SharedDb = DbHandle & { url?: string };

/**
 * Several server nodes in this process on one database, for the "exactly once with several
 * nodes, and across a restart" tests of the pollers (escalation, reminders, push). Everything
 * opened through it is closed after the file's tests, last opened first, sockets before servers.
 */
export function useNodes() {
  const open: Closable[] = [];
  afterAll(async () => {
    closeAllSockets();
    for (const c of open.reverse()) await c.close();
  });
  /** Close `c` after the file's tests. */
  const later = <T extends Closable>(c: T): T => {
    open.push(c);
    return c;
  };
  return {
    later,
    /** A fresh database for the nodes of one test. */
    sharedDb: async (): Promise<SharedDb> => later(await freshDatabase()),
    /**
     * Another handle on `db`: its own pool on PostgreSQL (real concurrency between nodes); the one
     * PGlite instance otherwise (one process by nature).
     */
    async anotherHandle(db: SharedDb): Promise<DbHandle> {
      if (!db.url) return db;
      return later(await openDatabase({ databaseUrl: db.url, poolMax: 5 }));
    },
    /** A node on `db` (a database of its own without), closed after the tests. */
    node: async (config: Config, db?: DbHandle): Promise<TestServer> =>
      later(await startServer(config, db ? { dbHandle: db } : {})),
  };
}

/**
 * Two real server processes (`server/dist/main.js`) on one fresh PostgreSQL database, sharing
 * `env`; `a` also creates `admin` at boot. Killed after the file's tests.
 */
export function useTwoProcesses(env: Record<string, string>, admin: { email: string; password: string }) {
  const p: { db?: SharedDb; a?: ChildServer; b?: ChildServer } = {};
  beforeAll(async () => {
    p.db = await freshDatabase();
    const shared = { DATABASE_URL: p.db.url!, ...env };
    p.a = await spawnServer({ ...shared, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
    p.b = await spawnServer(shared);
  });
  afterAll(async () => {
    for (const s of [p.a, p.b]) s?.kill("SIGKILL");
    await Promise.all([p.a?.exited, p.b?.exited]);
    await p.db?.close();
  });
  return {
    /** The first process (it created the admin). */
    get a(): ChildServer {
      return p.a!;
    },
    get b(): ChildServer {
      return p.b!;
    },
    /** Run `q` on the shared database directly. */
    async rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
      return ((await p.db!.db.execute(q)) as unknown as { rows: T[] }).rows;
    },
  };
}
