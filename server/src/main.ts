import { createCareCircle } from "./app.js";
import { ConfigError, loadConfig } from "./env.js";
import { safeError } from "./log-safety.js";
import { createLogger } from "./logger.js";
import { seedDemoIfEmpty } from "./seed/demo.js";
import { assertNoDemoAccounts, DemoAccountsError } from "./seed/demo-guard.js";

/** Boot: validate config, open and migrate the database, listen, and shut down gracefully. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const server = await createCareCircle({ config, logger }).catch((err: unknown) => {
    if (err instanceof DemoAccountsError) {
      logger.fatal(err.message);
      process.exit(1);
    }
    throw err;
  });
  if (config.seedDemo && !config.databaseUrl) {
    await seedDemoIfEmpty(server.deps);
    // SEED_DEMO=true in production still needs ALLOW_DEMO_ACCOUNTS=true (decision 085).
    await assertNoDemoAccounts(server.deps.db, config).catch(async (err: unknown) => {
      logger.fatal(err instanceof Error ? err.message : String(err));
      await server.close();
      process.exit(1);
    });
  }
  const port = await server.listen();
  logger.info(
    { port, database: server.dbHandle.kind },
    `CareCircle is listening on http://localhost:${port} (database: ${server.dbHandle.kind})`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const hardExit = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, 10_000);
    hardExit.unref();
    server.close().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("unhandledRejection", (err) => logger.error({ error: safeError(err) }, "unhandled rejection"));
}

main().catch((err) => {
  console.error("CareCircle failed to start:", err);
  process.exit(1);
});
