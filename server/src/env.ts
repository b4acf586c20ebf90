import { MESSAGE_LIMITS, SIGNOFF_POINTS, type SignoffPoint } from "@carecircle/shared";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

/** `plan,closure` (the default), one of them, or `none`: the case stage moves that need sign-off. */
const signoffPoints = z
  .string()
  .transform((v) => [
    ...new Set(
      v
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p && p !== "none"),
    ),
  ])
  .refine((ps) => ps.every((p) => (SIGNOFF_POINTS as readonly string[]).includes(p)), {
    message: `must be a comma-separated list of ${SIGNOFF_POINTS.join(", ")}, or none`,
  })
  .transform((ps) => ps as SignoffPoint[]);

/**
 * Every setting the server reads, one entry each: the key is the `Config` field and, in
 * SCREAMING_SNAKE_CASE, the environment variable (`databasePoolMax` is `DATABASE_POOL_MAX`).
 */
const ConfigShape = {
  nodeEnv: z.enum(["development", "production", "test"]).default("development"),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default("0.0.0.0"),
  dataDir: z.string().min(1).default("./data"),
  databaseUrl: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Connections in the PostgreSQL pool (per process). */
  databasePoolMax: z.coerce.number().int().min(2).max(500).default(20),
  jwtSecret: z.string().min(32, "must be at least 32 characters").optional(),
  adminEmail: z.email().optional(),
  adminPassword: z.string().min(10, "must be at least 10 characters").optional(),
  /** Seed the demo data. Default: on, except in production (decision 085). */
  seedDemo: bool.optional(),
  /** Start even though the publicly known demo accounts exist in a production database. */
  allowDemoAccounts: bool.default(false),
  /** Self-registrations allowed per address (IPv6: per /64) per hour. */
  registrationsPerHour: z.coerce.number().int().min(1).default(20),
  /** Absolute lifetime of a sign-in (a refresh-token family), however often it is refreshed. */
  sessionMaxDays: z.coerce.number().int().min(1).max(3650).default(90),
  /** Requests in flight from one address (IPv6: per /64) beyond which it gets 429 at once. */
  maxInflightPerAddress: z.coerce.number().int().min(1).default(32),
  /** Node's `headersTimeout`: the whole request head must arrive within this. */
  headersTimeoutMs: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  /** Node's `requestTimeout`: the whole request (head and body) must arrive within this. */
  requestTimeoutMs: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  corsOrigin: z.string().optional(),
  clientDist: z.string().optional(),
  retentionDays: z.coerce.number().int().min(1).max(3650).default(30),
  /** A family invite code works this many days after it was created (and only once). */
  familyInviteDays: z.coerce.number().int().min(1).max(90).default(7),
  redisUrl: z.url().optional(),
  /** Namespace of every Redis key and channel, so deployments can share one Redis. */
  redisPrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, '_', '.', '-' (at most 64)")
    .default("cc"),
  trustProxy: bool.default(false),
  /** API requests per caller (user, or address when anonymous) per minute. */
  rateLimitPerMinute: z.coerce.number().int().min(1).default(600),
  /** Requests in flight beyond which the server answers 503 at once. */
  maxInflightRequests: z.coerce.number().int().min(1).default(512),
  /** On SIGTERM, keep accepting (while /readyz answers 503) this long before closing. */
  shutdownDrainMs: z.coerce.number().int().min(0).max(5000).default(1000),
  /** Chat messages one user may send per rate window (MESSAGE_LIMITS.rateWindowSeconds), across all nodes. */
  chatSendLimit: z.coerce.number().int().min(1).default(MESSAGE_LIMITS.rateCount),
  /** Multiplies every socket event's per-user limit (`EVENT_ACCESS[event].limit.count`). */
  socketEventLimitScale: z.coerce.number().min(0.1).max(1_000_000).default(1),
  /** An open alert goes to on-duty and assigned social workers this long after its message or check-in. */
  escalateAfterSeconds: z.coerce.number().min(1).default(300),
  /** ...and to every admin this long after it (never before the first step). */
  escalateAdminsAfterSeconds: z.coerce.number().min(1).default(900),
  /** How often each node looks for due escalation steps. */
  escalationPollMs: z.coerce.number().int().min(50).max(60_000).default(5_000),
  /** VAPID key pair for Web Push (base64url, as `web-push generate-vapid-keys` prints); else generated into DATA_DIR. */
  vapidPublicKey: z.string().min(80).optional(),
  vapidPrivateKey: z.string().min(40).optional(),
  /** Who push services can contact about this sender: a mailto: or https: URL (RFC 8292). */
  vapidSubject: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: or https:// URL")
    .default("mailto:push@carecircle.invalid"),
  /** How often each node looks for due pushes. */
  pushPollMs: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** First retry after a 429/5xx or network failure; doubles per attempt (at most 8 attempts). */
  pushRetryBaseMs: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  /** How often each node looks for due booking reminders (decision 107; the due time is in the database). */
  reminderPollMs: z.coerce.number().int().min(50).max(600_000).default(30_000),
  /** A report by an account younger than this (or that never posted in the group) counts half towards auto-hide. */
  reportTrustAgeDays: z.coerce.number().min(0).max(365).default(7),
  /** Case stage moves that wait for the supervisor's sign-off (decision 123): `plan`, `closure`, or `none`. */
  caseSignoff: signoffPoints.default(["plan", "closure"]),
  /** A closed case is kept this many years, then purged (decision 124). */
  caseRetentionYears: z.coerce.number().int().min(1).max(100).default(10),
  /** How often each node looks for closed cases past their retention. */
  casePurgePollMs: z.coerce.number().int().min(50).max(86_400_000).default(3_600_000),
  /** The deployment's time zone: on-duty hours and weekly figures. */
  timeZone: timeZone.default("Asia/Shanghai"),
};

/** The configuration schema; its output is `Config` (with `seedDemo` resolved from `nodeEnv`). */
export const ConfigSchema = z
  .object(ConfigShape)
  .transform((c) => ({ ...c, seedDemo: c.seedDemo ?? c.nodeEnv !== "production" }));

/** Parsed configuration. Tests build their own with `buildConfig`. */
export type Config = z.output<typeof ConfigSchema>;

/** The environment variable of a `Config` field: `databasePoolMax` -> `DATABASE_POOL_MAX`. */
function envName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

/** Thrown by `loadConfig` with one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parse and freeze the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const input = Object.fromEntries(Object.keys(ConfigShape).map((field) => [field, env[envName(field)]]));
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.map(String).map(envName).join(".")}: ${i.message}`),
    );
  }
  const c = parsed.data;
  if ((c.adminEmail === undefined) !== (c.adminPassword === undefined)) {
    throw new ConfigError(["ADMIN_EMAIL and ADMIN_PASSWORD must be set together"]);
  }
  if ((c.vapidPublicKey === undefined) !== (c.vapidPrivateKey === undefined)) {
    throw new ConfigError(["VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together"]);
  }
  if (c.escalateAdminsAfterSeconds < c.escalateAfterSeconds) {
    throw new ConfigError(["ESCALATE_ADMINS_AFTER_SECONDS must not be less than ESCALATE_AFTER_SECONDS"]);
  }
  return Object.freeze(c);
}

/** A full config from partial overrides, for tests and tools. */
export function buildConfig(overrides: Partial<Config> = {}): Readonly<Config> {
  return Object.freeze({
    ...loadConfig({ NODE_ENV: "test", SEED_DEMO: "false", LOG_LEVEL: "silent" }),
    ...overrides,
  });
}
