import path from "node:path";
import { backupEmbedded, backupServer, restoreEmbedded, restoreServer } from "../db/backup.js";
import { loadConfig } from "../env.js";

/**
 * `pnpm backup [file]`  and  `pnpm restore <file>`
 * Embedded database: a gzip tarball of the data dir (stop the server first).
 * With DATABASE_URL: pg_dump / pg_restore (custom format).
 */
const [mode, fileArg] = process.argv.slice(2);
const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
try {
  if (mode === "backup") {
    const file = path.resolve(
      fileArg ?? `carecircle-backup-${stamp}.${config.databaseUrl ? "dump" : "tar.gz"}`,
    );
    if (config.databaseUrl) backupServer(config.databaseUrl, file);
    else await backupEmbedded(config.dataDir, file);
    console.log(`Backup written to ${file}`);
  } else if (mode === "restore" && fileArg) {
    const file = path.resolve(fileArg);
    if (config.databaseUrl) restoreServer(config.databaseUrl, file);
    else {
      const kept = await restoreEmbedded(config.dataDir, file);
      if (kept) console.log(`The previous database was kept at ${kept}`);
    }
    console.log(`Restored from ${file}`);
  } else {
    console.error("usage: backup [file] | restore <file>");
    process.exitCode = 2;
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
