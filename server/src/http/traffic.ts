import type { RequestHandler } from "express";
import { AppError, errorBody, rateLimited } from "../errors.js";
import { addressKey } from "../lib/address.js";
import type { RateDecision, RateLimiter } from "../lib/rate-limit.js";
import { bearerToken, verifyAccessToken } from "../modules/auth/access-token.js";

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key: `perMinute` sustained with bursts up to `burst`. O(1) memory per key,
 * bounded key count (the least recently created key is forgotten first).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly maxKeys = 200_000,
  ) {}

  /** Take one token; returns 0 if allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const rate = this.perMinute / 60_000;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / rate / 1000;
  }
}

/** The burst a caller may spend at once, for a sustained `perMinute`. */
export const requestBurst = (perMinute: number) => Math.max(20, Math.ceil(perMinute / 4));

/** This process's token buckets as a RateLimiter (the default; Redis-backed with REDIS_URL). */
export function memoryRequestLimiter(perMinute: number): RateLimiter {
  const buckets = new TokenBuckets(perMinute, requestBurst(perMinute));
  return {
    take(key) {
      const wait = buckets.take(key);
      return wait === 0 ? { ok: true } : { ok: false, retryAfterMs: wait * 1000 };
    },
    refund() {},
  };
}

const EXEMPT = new Set(["/healthz", "/readyz"]);

/**
 * Per-caller request rate limit for the API: keyed by the (signature-checked) token's user, so
 * families behind one address do not share a limit, else by client address. `limiter` is this
 * process's buckets, or buckets in Redis shared by every node.
 */
export function requestRateLimit(opts: { limiter: RateLimiter; jwtSecret: string }): RequestHandler {
  return (req, res, next) => {
    if (EXEMPT.has(req.path) || !req.path.startsWith("/api/")) return next();
    let key = `ip:${req.ip ?? req.socket.remoteAddress ?? "?"}`;
    const token = bearerToken(req.headers.authorization);
    if (token) {
      try {
        // The same verifier the route uses (memoised), so the token is checked once per request.
        key = `user:${verifyAccessToken(token, opts.jwtSecret)}`;
      } catch {
        // invalid tokens are refused later; they count against the address
      }
    }
    const answer = (decision: RateDecision) => {
      if (decision.ok) return next();
      const err = rateLimited(decision.retryAfterMs / 1000, "Too many requests; please slow down");
      res.setHeader("Retry-After", String(err.details?.retryAfterSeconds));
      res.status(err.status).json(errorBody(err));
    };
    // The in-process limiter answers at once; only the Redis one needs a turn of the event loop.
    const decided = opts.limiter.take(key);
    if (decided instanceof Promise) decided.then(answer, next);
    else answer(decided);
  };
}

/**
 * Load shedding: beyond `max` requests in flight, answer 503 at once instead of queueing without
 * bound (the embedded database serialises queries, so a queue would only grow latency and memory).
 */
export function inflightLimit(max: number): RequestHandler {
  let inflight = 0;
  return (req, res, next) => {
    if (EXEMPT.has(req.path)) return next();
    if (inflight >= max) {
      res.setHeader("Retry-After", "1");
      res
        .status(503)
        .json(errorBody(new AppError("UNAVAILABLE", "The server is busy; please try again in a moment")));
      return;
    }
    inflight++;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      inflight--;
    };
    res.once("finish", release);
    res.once("close", release);
    next();
  };
}

/**
 * Requests in flight per address (IPv6: per /64): beyond `max`, that address gets 429 at once, so
 * one address trickling request bodies cannot fill the global in-flight limit and starve
 * everyone else (slowloris-style; `requestTimeout` ends each slow request too).
 */
export function inflightPerAddress(max: number): RequestHandler {
  const inflight = new Map<string, number>();
  return (req, res, next) => {
    if (EXEMPT.has(req.path)) return next();
    const key = addressKey(req.ip ?? req.socket.remoteAddress);
    const now = inflight.get(key) ?? 0;
    if (now >= max) {
      const err = rateLimited(1, "Too many requests at once from your network; please wait");
      res.setHeader("Retry-After", "1");
      res.setHeader("Connection", "close");
      res.status(err.status).json(errorBody(err));
      return;
    }
    inflight.set(key, now + 1);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      const left = (inflight.get(key) ?? 1) - 1;
      if (left <= 0) inflight.delete(key);
      else inflight.set(key, left);
    };
    res.once("finish", release);
    res.once("close", release);
    next();
  };
}
