import type { RedisClientType } from "redis";
import type { Logger } from "../logger.js";
import { createMemoryFailureStore, type FailureStore, type FailureWindow } from "./failure-store.js";
import type { RateDecision, RateLimiter } from "./rate-limit.js";

/**
 * Sliding-window log in a sorted set per key, decided atomically by one script on Redis' own clock,
 * so every server process counts the same events against the same window.
 * Answers {1, 0} when taken, {0, ms-to-wait} when the window is full.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
`;

/** Longest a send waits for Redis' answer (the client queues commands while reconnecting). */
const ANSWER_WITHIN_MS = 300;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * A RateLimiter shared by every node through Redis (same semantics as the in-memory one: at most
 * `limit` events per `windowMs` per key, `refund` gives back the latest unit). If Redis cannot be
 * reached, or does not answer quickly, the limiter lets the event through and logs: a chat outage
 * is worse than a missed limit.
 */
export function createRedisRateLimiter(
  client: RedisClientType,
  opts: { limit: number; windowMs: number; prefix: string; logger: Logger },
): RateLimiter {
  let seq = 0;
  const key = (k: string) => `${opts.prefix}${k}`;
  const warn = throttledWarn(opts.logger, "Redis rate limiter unavailable; allowing");
  return {
    async take(k): Promise<RateDecision> {
      try {
        seq = (seq + 1) % 1_000_000_000;
        const member = `${process.pid}-${seq}-${Math.random().toString(36).slice(2, 8)}`;
        const [ok, wait] = (await within(
          client.eval(TAKE, {
            keys: [key(k)],
            arguments: [String(opts.windowMs), String(opts.limit), member],
          }),
          ANSWER_WITHIN_MS,
        )) as [number, number];
        return ok === 1 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) };
      } catch (err) {
        warn(err);
        return { ok: true };
      }
    },
    async refund(k): Promise<void> {
      try {
        await within(client.zPopMax(key(k)), ANSWER_WITHIN_MS);
      } catch (err) {
        warn(err);
      }
    },
  };
}

/**
 * Token bucket per key on Redis' clock: `rate` tokens per ms up to `burst`. Answers {1, 0} when a
 * token was taken, {0, ms-to-wait} otherwise.
 */
const BUCKET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local ok, wait = 0, 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
else
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return {ok, wait}
`;

/**
 * The per-caller HTTP request limit shared by every node: `perMinute` sustained with bursts up to
 * `burst`. If Redis does not answer within 300 ms, this node's own bucket decides meanwhile.
 */
export function createRedisTokenBucket(
  client: RedisClientType,
  opts: { perMinute: number; burst: number; prefix: string; logger: Logger; local: RateLimiter },
): RateLimiter {
  const rate = opts.perMinute / 60_000;
  const warn = throttledWarn(opts.logger, "Redis request limiter unavailable; this node decides alone");
  return {
    async take(k): Promise<RateDecision> {
      try {
        const [ok, wait] = (await within(
          client.eval(BUCKET, {
            keys: [`${opts.prefix}${k}`],
            arguments: [String(rate), String(opts.burst)],
          }),
          ANSWER_WITHIN_MS,
        )) as [number, number];
        return ok === 1 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) };
      } catch (err) {
        warn(err);
        return opts.local.take(k);
      }
    },
    refund() {},
  };
}

/** Count one failure in a fixed window (started by the first failure). */
const FAIL = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local reset = tonumber(redis.call('HGET', KEYS[1], 'resetAt'))
if (not reset) or reset <= now then
  redis.call('HSET', KEYS[1], 'count', 1, 'resetAt', now + window, 'lastAttemptAt', now)
  redis.call('PEXPIRE', KEYS[1], window)
else
  redis.call('HINCRBY', KEYS[1], 'count', 1)
  redis.call('HSET', KEYS[1], 'lastAttemptAt', now)
end
return 1
`;

const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'lastAttemptAt', ARGV[1]) end
return 1
`;

/**
 * Failed-login counts shared by every node. While Redis cannot be reached, failures are counted
 * in this node's memory instead, so guessing is still throttled during an outage.
 */
export function createRedisFailureStore(
  client: RedisClientType,
  opts: { prefix: string; logger: Logger },
): FailureStore {
  const local = createMemoryFailureStore();
  const key = (k: string) => `${opts.prefix}${k}`;
  const warn = throttledWarn(opts.logger, "Redis login throttle unavailable; counting on this node");
  async function orLocal<T>(remote: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    try {
      return await within(remote(), ANSWER_WITHIN_MS);
    } catch (err) {
      warn(err);
      return fallback();
    }
  }
  return {
    get: (k, now) =>
      orLocal<FailureWindow | undefined>(
        async () => {
          const h = await client.hGetAll(key(k));
          const w = {
            count: Number(h.count),
            resetAt: Number(h.resetAt),
            lastAttemptAt: Number(h.lastAttemptAt),
          };
          const remote = Number.isFinite(w.count) && w.resetAt > now ? w : undefined;
          const mine = await local.get(k, now);
          // Failures counted here during an outage still count once Redis is back.
          if (!mine) return remote;
          if (!remote) return mine;
          return {
            count: remote.count + mine.count,
            resetAt: Math.max(remote.resetAt, mine.resetAt),
            lastAttemptAt: Math.max(remote.lastAttemptAt, mine.lastAttemptAt),
          };
        },
        () => local.get(k, now),
      ),
    fail: (k, now, windowMs) =>
      orLocal(
        async () => {
          await client.eval(FAIL, { keys: [key(k)], arguments: [String(now), String(windowMs)] });
        },
        () => local.fail(k, now, windowMs),
      ),
    touch: (k, now) =>
      orLocal(
        async () => {
          await client.eval(TOUCH, { keys: [key(k)], arguments: [String(now)] });
        },
        () => local.touch(k, now),
      ),
    clear: (k) =>
      orLocal(
        async () => {
          await client.del(key(k));
          await local.clear(k);
        },
        () => local.clear(k),
      ),
  };
}

function throttledWarn(logger: Logger, message: string): (err: unknown) => void {
  let last = 0;
  return (err) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    logger.warn({ err }, message);
  };
}
