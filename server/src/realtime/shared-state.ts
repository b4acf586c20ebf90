import { type EventLimit, MESSAGE_LIMITS } from "@carecircle/shared";
import type { Config } from "../env.js";
import { memoryRequestLimiter, requestBurst } from "../http/traffic.js";
import { createMemoryFailureStore, type FailureStore } from "../lib/failure-store.js";
import { createMemoryRateLimiter, type RateLimiter } from "../lib/rate-limit.js";
import {
  createRedisFailureStore,
  createRedisRateLimiter,
  createRedisTokenBucket,
} from "../lib/redis-rate-limit.js";
import type { Logger } from "../logger.js";
import type { EventLimiterFactory } from "./event-guard.js";
import { connectRedisScaleOut, type RedisScaleOut } from "./redis-scale-out.js";

/**
 * Ephemeral state that must be the same on every node: the one place that chooses in-process
 * (default) or Redis (REDIS_URL). Presence and typing need nothing here: presence is derived from
 * the sockets in a group's room (`fetchSockets` asks every node through the adapter) and typing is
 * relayed through the adapter with a per-socket throttle; neither is stored.
 */
export interface SharedState {
  kind: "memory" | "redis";
  /** Socket.IO adapter for several nodes; undefined = Socket.IO's in-memory adapter. */
  adapter: RedisScaleOut["adapter"] | undefined;
  /** Per-user chat send limit, counted across all nodes. */
  sendRateLimiter: RateLimiter;
  /** Per-user limit of one client event (`EVENT_ACCESS[event].limit`), counted across all nodes. */
  eventRateLimiter: EventLimiterFactory;
  /** Per-caller HTTP request limit (token buckets), counted across all nodes. */
  requestRateLimiter: RateLimiter;
  /** Failed logins and password confirmations, counted across all nodes. */
  loginFailures: FailureStore;
  /** Drop a room from a user's saved recovery sessions (Redis only; the in-memory adapter's are local). */
  forgetRoomInSessions: RedisScaleOut["forgetRoom"] | undefined;
  close(): Promise<void>;
}

/** Build the shared state for this process from the configuration. */
export async function createSharedState(
  config: Readonly<Config>,
  logger: Logger,
  opts: { recoveryWindowMs: number },
): Promise<SharedState> {
  const limit = { limit: config.chatSendLimit, windowMs: MESSAGE_LIMITS.rateWindowSeconds * 1000 };
  const eventLimit = (l: EventLimit) => ({
    limit: Math.max(1, Math.round(l.count * config.socketEventLimitScale)),
    windowMs: l.windowSeconds * 1000,
  });
  if (!config.redisUrl) {
    return {
      kind: "memory",
      adapter: undefined,
      sendRateLimiter: createMemoryRateLimiter(limit),
      eventRateLimiter: (_event, l) => createMemoryRateLimiter(eventLimit(l)),
      requestRateLimiter: memoryRequestLimiter(config.rateLimitPerMinute),
      loginFailures: createMemoryFailureStore(),
      forgetRoomInSessions: undefined,
      close: async () => {},
    };
  }
  const redis = await connectRedisScaleOut({
    url: config.redisUrl,
    prefix: config.redisPrefix,
    logger,
    maxDisconnectionMs: opts.recoveryWindowMs,
  });
  logger.info("scale-out: Socket.IO Redis Streams adapter; send, request and login limits in Redis");
  return {
    kind: "redis",
    adapter: redis.adapter,
    sendRateLimiter: createRedisRateLimiter(redis.client, {
      ...limit,
      prefix: `${config.redisPrefix}:rl:send:`,
      logger,
    }),
    eventRateLimiter: (event, l) =>
      createRedisRateLimiter(redis.client, {
        ...eventLimit(l),
        prefix: `${config.redisPrefix}:rl:ev:${event}:`,
        logger,
      }),
    requestRateLimiter: createRedisTokenBucket(redis.client, {
      perMinute: config.rateLimitPerMinute,
      burst: requestBurst(config.rateLimitPerMinute),
      prefix: `${config.redisPrefix}:rl:http:`,
      logger,
      local: memoryRequestLimiter(config.rateLimitPerMinute),
    }),
    loginFailures: createRedisFailureStore(redis.client, {
      prefix: `${config.redisPrefix}:throttle:`,
      logger,
    }),
    forgetRoomInSessions: redis.forgetRoom,
    close: () => redis.close(),
  };
}
