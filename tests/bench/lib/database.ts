import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DbHandle, openDatabase } from "@carecircle/server";
import pg from "pg";
import { databaseUrlFor, dropDatabase } from "../../setup/pg-url.js";

/** Raw SQL against the bench database. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * A database for one bench run: a fresh PostgreSQL database (dropped at the end) or a PGlite data
 * dir. PGlite allows one process at a time, so `open()` must be followed by `release()` before a
 * server process starts on it.
 */
export interface BenchDatabase {
  kind: "pg" | "pglite";
  label: string;
  /** Environment for a CareCircle server process using this database. */
  serverEnv: Record<string, string>;
  /** PostgreSQL only: an admin URL and the database name, for pg_stat_activity sampling. */
  server?: { adminUrl: string; database: string };
  open(): Promise<Sql>;
  release(): Promise<void>;
  /** Server version string (`select version()`). */
  version(): Promise<string>;
  destroy(): Promise<void>;
}

function sqlOf(handle: DbHandle, pool?: pg.Pool): Sql {
  if (pool) return { query: async (text, params) => (await pool.query(text, params)).rows };
  const lite = handle.pglite!;
  return { query: async <T>(text: string, params?: unknown[]) => (await lite.query<T>(text, params)).rows };
}

/** A fresh, migrated database on the PostgreSQL server at `adminUrl`. */
export async function createPgDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `cc_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrlFor(adminUrl, name);
  const handle = await openDatabase({ databaseUrl: url });
  await handle.migrate();
  await handle.close();
  let pool: pg.Pool | undefined;
  const open = async () => {
    pool ??= new pg.Pool({ connectionString: url, max: 4 });
    return sqlOf(handle, pool);
  };
  return {
    kind: "pg",
    label: "PostgreSQL",
    serverEnv: { DATABASE_URL: url },
    server: { adminUrl, database: name },
    open,
    release: async () => {},
    version: async () => {
      const [row] = await (await open()).query<{ v: string }>(
        "select current_setting('server_version') as v",
      );
      return `PostgreSQL ${row!.v}`;
    },
    async destroy() {
      await pool?.end();
      pool = undefined;
      await dropDatabase(adminUrl, name);
    },
  };
}

/** A fresh, migrated embedded PGlite data dir (the server's DATA_DIR) under the OS temp dir. */
export async function createPgliteDatabase(): Promise<BenchDatabase> {
  const dataDir = path.join(os.tmpdir(), `cc-bench-${process.pid}-${randomBytes(3).toString("hex")}`);
  mkdirSync(dataDir, { recursive: true });
  let handle: DbHandle | undefined;
  const open = async () => {
    handle ??= await openDatabase({ pgliteDir: path.join(dataDir, "db") });
    return sqlOf(handle);
  };
  await open();
  await handle!.migrate();
  const release = async () => {
    await handle?.close();
    handle = undefined;
  };
  return {
    kind: "pglite",
    label: "embedded PGlite",
    serverEnv: { DATA_DIR: dataDir },
    open,
    release,
    version: async () => {
      const [row] = await (await open()).query<{ v: string }>(
        "select current_setting('server_version') as v",
      );
      return `PGlite (PostgreSQL ${row!.v})`;
    },
    async destroy() {
      await release();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
