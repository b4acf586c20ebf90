import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { type ExtractTablesWithRelations, type SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repos accept `Db | Tx` so they compose inside service transactions. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

/** Same relative path from src/db and dist/db, so the committed SQL is the only copy. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../src/db/migrations", import.meta.url));

/** An open database: the Drizzle handle plus what ops code needs. */
export interface DbHandle {
  db: Db;
  kind: "pglite" | "pg";
  /** Throws if the database does not answer within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Only for PGlite: the underlying instance (backups, template dumps). */
  pglite?: PGlite;
}

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; omit (with `loadDataDir`) for an in-memory database. */
  pgliteDir?: string | undefined;
  /** PGlite: start from a dumped data dir (tests clone a migrated template this way). */
  loadDataDir?: Blob | File | undefined;
  poolMax?: number;
}

/** Open PostgreSQL through `pg` when a URL is given, else embedded PGlite. */
export async function openDatabase(opts: OpenDbOptions): Promise<DbHandle> {
  return opts.databaseUrl ? openPg(opts.databaseUrl, opts.poolMax ?? 10) : openPglite(opts);
}

async function openPglite(opts: OpenDbOptions): Promise<DbHandle> {
  if (opts.pgliteDir) mkdirSync(path.dirname(path.resolve(opts.pgliteDir)), { recursive: true });
  const client = await PGlite.create({
    ...(opts.pgliteDir ? { dataDir: opts.pgliteDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { btree_gist },
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    pglite: client,
    ping: async () => {
      await client.query("select 1");
    },
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function openPg(url: string, max: number): Promise<DbHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Fail fast when the server is down instead of queueing requests forever.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: "pg",
    ping: async (timeoutMs = 2000) => {
      const client = await pool.connect();
      try {
        await client.query({ text: "select 1", query_timeout: timeoutMs } as pg.QueryConfig);
      } finally {
        client.release();
      }
    },
    migrate: async () => {
      await migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Run raw SQL and return its rows, whichever driver is underneath. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A text or uuid array column read by raw SQL: drivers answer a JS array or its text form
 * (`{a,b}`, as some do for arrays inside raw rows). Elements are plain ids (no quoting).
 */
export function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== "string") return [];
  const inner = v.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",") : [];
}

export { sql };
