import {
  buildConfig,
  type CareCircle,
  type Config,
  createCareCircle,
  createLogger,
  type DbHandle,
} from "@carecircle/server";
import supertest from "supertest";
import { afterAll, beforeAll } from "vitest";
import { closeAllSockets } from "../factories/sockets.js";
import { freshDatabase } from "./database.js";

/** A real CareCircle server on an ephemeral port with its own fresh database. */
export interface TestServer {
  cc: CareCircle;
  url: string;
  port: number;
  /** supertest bound to the live server. */
  http: ReturnType<typeof supertest>;
  close(): Promise<void>;
  /** Every log line the server wrote (only when started with `captureLogs`). */
  logs: string[];
}

/** Start a server for one test file. Always `await srv.close()` in afterAll. */
export async function startServer(
  overrides: Partial<Config> = {},
  opts: { captureLogs?: boolean; dbHandle?: DbHandle } = {},
): Promise<TestServer> {
  const logs: string[] = [];
  // A given handle is shared (several nodes on one database, a restart): the caller closes it.
  const dbHandle = opts.dbHandle ? { ...opts.dbHandle, close: async () => {} } : await freshDatabase();
  const config = buildConfig({
    dataDir: `${process.cwd()}/.tmp/data-${process.pid}`,
    jwtSecret: "test-secret-test-secret-test-secret-0123456789",
    // Suites register hundreds of families from 127.0.0.1; traffic.test.ts checks the real limits.
    rateLimitPerMinute: 1_000_000,
    registrationsPerHour: 1_000_000,
    maxInflightPerAddress: 1_000_000,
    shutdownDrainMs: 0,
    ...overrides,
  });
  const cc = await createCareCircle({
    config,
    dbHandle,
    migrate: false,
    logger: opts.captureLogs
      ? createLogger("trace", { write: (line: string) => void logs.push(line) })
      : createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
  });
  const port = await cc.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  return { cc, url, port, http: supertest(url), close: () => cc.close(), logs };
}

/**
 * The usual preamble of a test file: a server started in `beforeAll` and closed (with every socket
 * the file opened) in `afterAll`. Call it at the top level; the returned server may be used inside
 * hooks and tests (it throws if touched before `beforeAll` ran). Hooks registered after this call
 * run after the server has started.
 */
export function useTestServer(
  overrides: Partial<Config> = {},
  opts: { captureLogs?: boolean; dbHandle?: DbHandle } = {},
): TestServer {
  let started: TestServer | undefined;
  const live = (): TestServer => {
    if (!started)
      throw new Error("useTestServer: the server starts in beforeAll; use it inside a hook or test");
    return started;
  };
  beforeAll(async () => {
    started = await startServer(overrides, opts);
  });
  afterAll(async () => {
    closeAllSockets();
    await started?.close();
  });
  return {
    get cc() {
      return live().cc;
    },
    get url() {
      return live().url;
    },
    get port() {
      return live().port;
    },
    get http() {
      return live().http;
    },
    get logs() {
      return live().logs;
    },
    close: () => live().close(),
  };
}
