import { MESSAGE_LIMITS } from "@carecircle/shared";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every environment variable the server reads, validated once at boot. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  /** Default: on, except in production (decision 085). */
  SEED_DEMO: bool.optional(),
  ALLOW_DEMO_ACCOUNTS: bool.default(false),
  REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  MAX_INFLIGHT_PER_ADDRESS: z.coerce.number().int().min(1).default(32),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CORS_ORIGIN: z.string().optional(),
  CLIENT_DIST: z.string().optional(),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  FAMILY_INVITE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  REDIS_URL: z.url().optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, '_', '.', '-' (at most 64)")
    .default("cc"),
  TRUST_PROXY: bool.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  MAX_INFLIGHT_REQUESTS: z.coerce.number().int().min(1).default(512),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(5000).default(1000),
  CHAT_SEND_LIMIT: z.coerce.number().int().min(1).default(MESSAGE_LIMITS.rateCount),
  SOCKET_EVENT_LIMIT_SCALE: z.coerce.number().min(0.1).max(1_000_000).default(1),
  ESCALATE_AFTER_SECONDS: z.coerce.number().min(1).default(300),
  ESCALATE_ADMINS_AFTER_SECONDS: z.coerce.number().min(1).default(900),
  ESCALATION_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  REPORT_TRUST_AGE_DAYS: z.coerce.number().min(0).max(365).default(7),
  TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Asia/Shanghai")
    .default("Asia/Shanghai"),
});

/** Parsed configuration. Tests build their own with `buildConfig`. */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections in the PostgreSQL pool (per process). */
  databasePoolMax: number;
  jwtSecret: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  seedDemo: boolean;
  /** Start even though the publicly known demo accounts exist in a production database. */
  allowDemoAccounts: boolean;
  /** Self-registrations allowed per address (IPv6: per /64) per hour. */
  registrationsPerHour: number;
  /** Absolute lifetime of a sign-in (a refresh-token family), however often it is refreshed. */
  sessionMaxDays: number;
  /** Requests in flight from one address (IPv6: per /64) beyond which it gets 429 at once. */
  maxInflightPerAddress: number;
  /** Node's `headersTimeout`: the whole request head must arrive within this. */
  headersTimeoutMs: number;
  /** Node's `requestTimeout`: the whole request (head and body) must arrive within this. */
  requestTimeoutMs: number;
  logLevel: string;
  corsOrigin: string | undefined;
  clientDist: string | undefined;
  retentionDays: number;
  /** A family invite code works this many days after it was created (and only once). */
  familyInviteDays: number;
  redisUrl: string | undefined;
  /** Namespace of every Redis key and channel, so deployments can share one Redis. */
  redisPrefix: string;
  trustProxy: boolean;
  /** API requests per caller (user, or address when anonymous) per minute. */
  rateLimitPerMinute: number;
  /** Requests in flight beyond which the server answers 503 at once. */
  maxInflightRequests: number;
  /** On SIGTERM, keep accepting (while /readyz answers 503) this long before closing. */
  shutdownDrainMs: number;
  /** Chat messages one user may send per rate window (MESSAGE_LIMITS.rateWindowSeconds), across all nodes. */
  chatSendLimit: number;
  /** Multiplies every socket event's per-user limit (`EVENT_ACCESS[event].limit.count`). */
  socketEventLimitScale: number;
  /** An open alert goes to on-duty and assigned social workers this long after its message or check-in. */
  escalateAfterSeconds: number;
  /** ...and to every admin this long after it (never before the first step). */
  escalateAdminsAfterSeconds: number;
  /** How often each node looks for due escalation steps. */
  escalationPollMs: number;
  /** The deployment's time zone: on-duty hours and weekly figures. */
  timeZone: string;
  /** A report by an account younger than this (or that never posted in the group) counts half towards auto-hide. */
  reportTrustAgeDays: number;
}

/** Thrown by `loadConfig` with one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parse and freeze the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(["ADMIN_EMAIL and ADMIN_PASSWORD must be set together"]);
  }
  if (e.ESCALATE_ADMINS_AFTER_SECONDS < e.ESCALATE_AFTER_SECONDS) {
    throw new ConfigError(["ESCALATE_ADMINS_AFTER_SECONDS must not be less than ESCALATE_AFTER_SECONDS"]);
  }
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    jwtSecret: e.JWT_SECRET,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== "production",
    allowDemoAccounts: e.ALLOW_DEMO_ACCOUNTS,
    registrationsPerHour: e.REGISTRATIONS_PER_HOUR,
    sessionMaxDays: e.SESSION_MAX_DAYS,
    maxInflightPerAddress: e.MAX_INFLIGHT_PER_ADDRESS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    corsOrigin: e.CORS_ORIGIN,
    clientDist: e.CLIENT_DIST,
    retentionDays: e.RETENTION_DAYS,
    familyInviteDays: e.FAMILY_INVITE_DAYS,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxInflightRequests: e.MAX_INFLIGHT_REQUESTS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    chatSendLimit: e.CHAT_SEND_LIMIT,
    socketEventLimitScale: e.SOCKET_EVENT_LIMIT_SCALE,
    escalateAfterSeconds: e.ESCALATE_AFTER_SECONDS,
    escalateAdminsAfterSeconds: e.ESCALATE_ADMINS_AFTER_SECONDS,
    escalationPollMs: e.ESCALATION_POLL_MS,
    timeZone: e.TIME_ZONE,
    reportTrustAgeDays: e.REPORT_TRUST_AGE_DAYS,
  });
}

/** A full config from partial overrides, for tests and tools. */
export function buildConfig(overrides: Partial<Config> = {}): Readonly<Config> {
  return Object.freeze({
    ...loadConfig({ NODE_ENV: "test", SEED_DEMO: "false", LOG_LEVEL: "silent" }),
    ...overrides,
  });
}
