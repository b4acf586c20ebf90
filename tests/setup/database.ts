import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type DbHandle, openDatabase } from "@carecircle/server";
import pg from "pg";
import { inject } from "vitest";
import { databaseUrlFor, dropDatabase } from "./pg-url.js";
import { pause } from "./until.js";

/** Is this run against a real PostgreSQL server (CI's second pass)? */
export const onRealPostgres = () => !!process.env.DATABASE_URL;

/**
 * A fresh, migrated database for one test file: a PGlite clone of the run's template (in memory,
 * or in `pgliteDir` when the test needs files on disk), or a new database on the PostgreSQL server.
 * `close()` also drops the server database.
 */
export async function freshDatabase(opts: { pgliteDir?: string } = {}): Promise<DbHandle & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `cc_t_${process.ppid}_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Concurrent clones of one template can collide ("source database is being accessed"); retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplate")}`);
        break;
      } catch (err) {
        if (attempt >= 20 || (err as { code?: string }).code !== "55006") throw err;
        await pause(100 + Math.random() * 200);
      }
    }
    await admin.end();
    const dbUrl = databaseUrlFor(url, name);
    const handle = await openDatabase({ databaseUrl: dbUrl, poolMax: 20 });
    return {
      ...handle,
      url: dbUrl,
      close: async () => {
        await handle.close();
        await dropDatabase(url, name);
      },
    };
  }
  const dump = new Blob([readFileSync(inject("pgliteTemplate"))]);
  return openDatabase({ pgliteDir: opts.pgliteDir, loadDataDir: dump });
}
