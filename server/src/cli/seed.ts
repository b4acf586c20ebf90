import path from "node:path";
import { openDatabase } from "../db/client.js";
import { claimDataDir } from "../db/data-dir-lock.js";
import { loadConfig } from "../env.js";
import { createLogger } from "../logger.js";
import { seedDemoIfEmpty } from "../seed/demo.js";

/** `pnpm seed`: migrate and seed demo data into an empty database. */
const config = loadConfig();
const logger = createLogger(config.logLevel === "silent" ? "info" : config.logLevel);
const release = config.databaseUrl ? () => {} : claimDataDir(config.dataDir);
const handle = await openDatabase({
  databaseUrl: config.databaseUrl,
  pgliteDir: path.resolve(config.dataDir, "db"),
});
try {
  await handle.migrate();
  const seeded = await seedDemoIfEmpty({ db: handle.db, logger });
  if (!seeded) logger.info("database already has users; demo seed skipped");
} finally {
  await handle.close();
  release();
}
