import type { RedisClientType } from "redis";
import type { Logger } from "../logger.js";
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
  let lastWarn = 0;
  const key = (k: string) => `${opts.prefix}${k}`;
  const warn = (err: unknown) => {
    if (Date.now() - lastWarn < 10_000) return;
    lastWarn = Date.now();
    opts.logger.warn({ err }, "Redis rate limiter unavailable; allowing");
  };
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
