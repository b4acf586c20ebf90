import type { Db } from "./db/client.js";
import type { Config } from "./env.js";
import type { Background } from "./lib/background.js";
import type { Logger } from "./logger.js";
import type { Realtime } from "./realtime/io.js";

/** What every service is built from. */
export interface Deps {
  db: Db;
  config: Readonly<Config>;
  logger: Logger;
  realtime: Realtime;
  jwtSecret: string;
  /** Work that goes on after the caller was answered; shutdown waits for it (lib/background.ts). */
  background: Background;
}
