import type { Server as HttpServer } from "node:http";
import {
  type ApiError,
  type ClientEventName,
  type ClientToServerEvents,
  EVENT_ACCESS,
  EVENT_SCHEMAS,
  type EventAnswer,
  type EventSchemaMap,
  type ParsedEventPayload,
  type Role,
  type ServerToClientEvents,
  type SessionEndReason,
  type SocketData,
} from "@carecircle/shared";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { AppError, forbidden, toAppError } from "../errors.js";
import { parseOrThrow } from "../http/validate.js";
import { safeError } from "../log-safety.js";
import type { Logger } from "../logger.js";
import type { AuthUser } from "../modules/auth/access-token.js";
import { type EventLimiterFactory, guardEvent, installEventGuard, trackTokenExpiry } from "./event-guard.js";
import { bindRecoveryToUser } from "./recovery.js";
import { rooms } from "./rooms.js";

// biome-ignore lint/complexity/noBannedTypes: no inter-server events yet
export type InterServerEvents = {};
export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The one typed way services push events (always after their transaction has committed). */
export interface Realtime {
  io: IoServer;
  emitTo<E extends keyof ServerToClientEvents>(
    room: string | string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /**
   * End every socket of a user at once, on every node (disable, delete, logout, password change).
   * With a reason the client is told first (`session:ended`) and signs out; without, it reconnects.
   */
  disconnectUser(userId: string, reason?: SessionEndReason): void;
  /** Make every socket of a user leave a room at once (removed, banned, left). */
  leaveRoom(userId: string, room: string): void;
}

/** How long a disconnected socket's session (rooms, missed packets) can be recovered. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/** What `createIo` needs from the rest of the server. */
export interface IoOptions {
  corsOrigin?: string | undefined;
  authenticate: (token: string) => Promise<AuthUser>;
  /** When a (verified) access token expires, epoch ms. */
  tokenExpiry: (token: string) => number;
  /** One rate limiter per client event (`EVENT_ACCESS[event].limit`). */
  eventLimiter: EventLimiterFactory;
  logger: Logger;
  adapter?: ServerOptions["adapter"] | undefined;
  forgetRoomInSessions?: ((userId: string, room: string) => Promise<void>) | undefined;
}

/**
 * Create the Socket.IO server; sockets authenticate with `auth: { token }` in the handshake.
 * With `adapter` (several nodes on Redis, see shared-state.ts) rooms, emits, socketsLeave and
 * disconnectSockets reach every node; `forgetRoomInSessions` clears rooms from sessions saved there.
 */
export function createIo(httpServer: HttpServer, opts: IoOptions): { io: IoServer; realtime: Realtime } {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    ...(opts.corsOrigin ? { cors: { origin: opts.corsOrigin, credentials: true } } : {}),
    // CORS headers only tell browsers what a page may read; a WebSocket is not subject to CORS,
    // so without this check any site could open a socket here. Refuse browser handshakes from
    // other origins (requests without Origin come from non-browser clients).
    ...(opts.corsOrigin ? { allowRequest: originCheck(opts.corsOrigin) } : {}),
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });

  io.use(authenticateHandshake(opts));
  installEventGuard(io, opts.eventLimiter);
  bindRecoveryToUser(io, opts.authenticate);
  io.on("connection", (socket) => {
    onEvent(socket, "auth:refresh", opts.logger, async ({ token }) => {
      const user = await opts.authenticate(token);
      if (user.id !== socket.data.userId)
        throw new AppError("UNAUTHENTICATED", "This token belongs to another account");
      const expMs = opts.tokenExpiry(token);
      trackTokenExpiry(socket, expMs);
      return { expiresAt: new Date(expMs).toISOString() };
    });
  });
  return { io, realtime: createRealtime(io, opts) };
}

/**
 * The first connect middleware: a valid access token in `auth.token`, or `connect_error`. Sets
 * `socket.data`, starts the expiry timer and joins the user's own room.
 */
function authenticateHandshake(opts: IoOptions): Parameters<IoServer["use"]>[0] {
  return async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      if (typeof token !== "string" || token.length === 0 || token.length > 4096) {
        throw new AppError("UNAUTHENTICATED", "Please log in");
      }
      const user = await opts.authenticate(token);
      socket.data = { userId: user.id, role: user.role, displayName: user.displayName };
      trackTokenExpiry(socket, opts.tokenExpiry(token));
      await socket.join(rooms.user(user.id));
      next();
    } catch (err) {
      const known = toAppError(err) ?? new AppError("INTERNAL", "Could not connect");
      const e = new Error(known.message) as Error & { data?: ApiError };
      e.data = { code: known.code, message: known.message };
      next(e);
    }
  };
}

function createRealtime(io: IoServer, opts: IoOptions): Realtime {
  return {
    io,
    emitTo(room, event, ...args) {
      io.to(room).emit(event, ...args);
    },
    disconnectUser(userId, reason) {
      if (reason) io.to(rooms.user(userId)).emit("session:ended", { reason });
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    leaveRoom(userId, room) {
      io.in(rooms.user(userId)).socketsLeave(room);
      forgetRoomInSavedSessions(io, userId, room);
      opts
        .forgetRoomInSessions?.(userId, room)
        .catch((err: unknown) =>
          opts.logger.warn({ error: safeError(err) }, "could not clear a room from saved sessions"),
        );
    },
  };
}

/**
 * Connection-state recovery restores a reconnecting socket's rooms, and replays what was sent to
 * them, from the session saved at disconnect. A user removed from a room while disconnected must
 * not get it back (nor its missed packets), so the room is dropped from their saved sessions too.
 * (The in-memory adapter keeps sessions in `sessions`; other adapters store them elsewhere.)
 */
function forgetRoomInSavedSessions(io: IoServer, userId: string, room: string): void {
  const sessions = (io.of("/").adapter as { sessions?: Map<string, { rooms: string[]; data?: unknown }> })
    .sessions;
  if (!(sessions instanceof Map)) return;
  for (const session of sessions.values()) {
    if ((session.data as Partial<SocketData> | undefined)?.userId === userId)
      session.rooms = session.rooms.filter((r) => r !== room);
  }
}

/**
 * Socket.IO `allowRequest`: accept a handshake without an `Origin` header (not a browser), from
 * the configured origin, or from a page this server itself served (Origin's host = Host header).
 */
function originCheck(allowed: string): NonNullable<ServerOptions["allowRequest"]> {
  return (req, callback) => {
    const origin = req.headers.origin;
    if (origin === undefined || origin === allowed) return callback(null, true);
    let sameOrigin = false;
    try {
      sameOrigin = new URL(origin).host === req.headers.host;
    } catch {
      sameOrigin = false;
    }
    callback(sameOrigin ? null : "Origin not allowed", sameOrigin);
  };
}

type AckFn = (response: unknown) => void;
/** The shared schemas, seen one event at a time (so `onEvent` stays generic in its event). */
const schemas: EventSchemaMap = EVENT_SCHEMAS;

/**
 * Register a socket event handler: check the caller's role against the shared access table
 * (`EVENT_ACCESS`, before anything else: `FORBIDDEN`), zod-parse the payload with the event's
 * schema (`EVENT_SCHEMAS`), check the socket's token has not expired (`UNAUTHENTICATED`) and the
 * user's rate limit for the event (`RATE_LIMITED`), run the service call (which checks
 * relationships), and answer `{ ok: true, ...result }` or `{ ok: false, error }`. The handler's
 * payload and result types are the event's, from the same schemas. Without an ack callback,
 * errors go to the socket as an `error` event. A client's mistake never crashes the server or
 * logs a stack trace.
 */
export function onEvent<E extends ClientEventName>(
  socket: IoSocket,
  event: E,
  logger: Logger,
  handler: (payload: ParsedEventPayload<E>) => Promise<EventAnswer<E>>,
): void {
  const roles: readonly Role[] = EVENT_ACCESS[event].access;
  const schema = schemas[event].payload;
  // Read the arguments as sent, not as typed: a hostile client may leave out the payload, send
  // extra arguments or no ack; the ack is the last argument when it is a function.
  const listener: ClientToServerEvents[E] = (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === "function" ? (args.pop() as AckFn) : undefined;
    void (async () => {
      try {
        if (!roles.includes(socket.data.role)) throw forbidden("Your role cannot use this event");
        const payload = parseOrThrow(schema, args[0], "payload");
        await guardEvent(socket, event);
        const result = await handler(payload);
        ack?.({ ok: true, ...result });
      } catch (err) {
        const known = toAppError(err);
        if (!known) logger.error({ error: safeError(err), event }, "socket handler failed");
        const error: ApiError = known
          ? { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) }
          : { code: "INTERNAL", message: "Something went wrong on our side" };
        if (ack) ack({ ok: false, error });
        else socket.emit("error", error);
      }
    })();
  };
  socket.on<ClientEventName>(event, listener);
}
