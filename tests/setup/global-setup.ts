import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@carecircle/server";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { databaseUrlFor, dropDatabase } from "./pg-url.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

const tmpRoot = fileURLToPath(new URL("../.tmp", import.meta.url));

/**
 * Migrate one template database per run; each test file then clones it (a PGlite data-dir dump,
 * or `CREATE DATABASE ... TEMPLATE` on a real PostgreSQL server), so files never share state.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `cc_tmpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const handle = await openDatabase({ databaseUrl: databaseUrlFor(url, template), poolMax: 1 });
    await handle.migrate();
    await handle.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteTemplate", "");
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1",
        [`cc_t_${process.pid}_%`],
      );
      await admin.end();
      for (const r of rows) await dropDatabase(url, r.datname);
      await dropDatabase(url, template);
    };
  }
  mkdirSync(tmpRoot, { recursive: true });
  const file = path.join(tmpRoot, `template-${process.pid}.tar`);
  const handle = await openDatabase({});
  await handle.migrate();
  const dump = await handle.pglite!.dumpDataDir("none");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteTemplate", file);
  project.provide("pgTemplate", "");
  return () => rmSync(file, { force: true });
}
