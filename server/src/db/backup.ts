import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { lockHolder } from "./data-dir-lock.js";

const dbDir = (dataDir: string) => path.resolve(dataDir, "db");

function refuseIfRunning(dataDir: string): void {
  const pid = lockHolder(dataDir);
  if (pid) throw new Error(`The server (pid ${pid}) is running on ${path.resolve(dataDir)}; stop it first`);
}

/** Write a consistent gzip tarball of the embedded database (the server must be stopped). */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  refuseIfRunning(dataDir);
  if (!existsSync(dbDir(dataDir))) throw new Error(`No embedded database in ${dbDir(dataDir)}`);
  const db = await PGlite.create({ dataDir: dbDir(dataDir), extensions: { btree_gist } });
  try {
    const dump = await db.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/**
 * Replace the embedded database with a backup. The current one is kept beside it as
 * `db.before-restore-<time>` so a mistaken restore can be undone by hand.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<string | undefined> {
  refuseIfRunning(dataDir);
  const blob = new Blob([readFileSync(file)]);
  let keptAt: string | undefined;
  if (existsSync(dbDir(dataDir))) {
    keptAt = `${dbDir(dataDir)}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(dbDir(dataDir), keptAt);
  }
  const db = await PGlite.create({ dataDir: dbDir(dataDir), loadDataDir: blob, extensions: { btree_gist } });
  await db.query("select 1");
  await db.close();
  return keptAt;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.error) throw new Error(`${cmd} is not available: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} exited with ${r.status}`);
}

/** pg_dump in custom format (consistent snapshot of a running server). */
export function backupServer(databaseUrl: string, file: string): void {
  run("pg_dump", ["--format=custom", "--no-owner", "--file", file, databaseUrl]);
}

/** pg_restore over the existing objects. */
export function restoreServer(databaseUrl: string, file: string): void {
  run("pg_restore", [
    "--clean",
    "--if-exists",
    "--no-owner",
    "--single-transaction",
    "--dbname",
    databaseUrl,
    file,
  ]);
}
