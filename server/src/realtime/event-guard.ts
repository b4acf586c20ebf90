import { type ClientEventName, EVENT_ACCESS, type EventLimit } from "@carecircle/shared";
import { AppError, rateLimited } from "../errors.js";
import type { RateLimiter } from "../lib/rate-limit.js";
import type { IoServer, IoSocket } from "./io.js";

/** Builds the limiter of one event (in memory, or in Redis shared by every node). */
export type EventLimiterFactory = (event: ClientEventName, limit: EventLimit) => RateLimiter;

interface Guard {
  limiters: Map<ClientEventName, RateLimiter>;
}

const guards = new WeakMap<IoServer, Guard>();
/** When each socket's access token expires (epoch ms); renewed by `auth:refresh`. */
const expiries = new WeakMap<IoSocket, { expMs: number; timer: NodeJS.Timeout }>();

/** Give a server its per-event limiters, one per entry of `EVENT_ACCESS` (its `limit`). */
export function installEventGuard(io: IoServer, make: EventLimiterFactory): void {
  const limiters = new Map<ClientEventName, RateLimiter>();
  for (const [name, spec] of Object.entries(EVENT_ACCESS) as [ClientEventName, { limit: EventLimit }][])
    limiters.set(name, make(name, spec.limit));
  guards.set(io, { limiters });
}

/**
 * Serve the socket until its access token expires (`expMs`), then disconnect it: the client
 * reconnects with a fresh token. A later `auth:refresh` moves the deadline.
 */
export function trackTokenExpiry(socket: IoSocket, expMs: number): void {
  const had = expiries.get(socket);
  if (had) clearTimeout(had.timer);
  const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expMs - Date.now()));
  timer.unref();
  expiries.set(socket, { expMs, timer });
  if (!had) socket.once("disconnect", () => clearTimeout(expiries.get(socket)?.timer));
}

/**
 * The checks every client event passes before its payload is read: the socket's access token
 * has not expired (`UNAUTHENTICATED`, except for `auth:refresh` itself), and the user is within
 * the event's rate limit (`RATE_LIMITED` with `retryAfterSeconds`, like sending).
 */
export async function guardEvent(socket: IoSocket, event: ClientEventName): Promise<void> {
  const expiry = expiries.get(socket);
  if (event !== "auth:refresh" && (!expiry || expiry.expMs <= Date.now()))
    throw new AppError("UNAUTHENTICATED", "Your session has expired, please log in again");
  const limiter = guards.get(socket.nsp.server)?.limiters.get(event);
  if (!limiter) return;
  const taken = await limiter.take(`${socket.data.userId}`);
  if (!taken.ok) throw rateLimited(taken.retryAfterMs / 1000, "Too many requests; please wait a moment");
}
