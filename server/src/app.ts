import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LIMITS } from "@carecircle/shared";
import express, { type Express } from "express";
import { pinoHttp } from "pino-http";
import { type DbHandle, openDatabase } from "./db/client.js";
import { claimDataDir } from "./db/data-dir-lock.js";
import type { Deps } from "./deps.js";
import type { Config } from "./env.js";
import { jsonClientErrors } from "./http/client-errors.js";
import { errorHandler, notFoundHandler } from "./http/error-handler.js";
import type { Authenticate } from "./http/mount.js";
import { securityHeaders } from "./http/security-headers.js";
import { inflightLimit, inflightPerAddress, requestRateLimit } from "./http/traffic.js";
import { createLogger, type Logger } from "./logger.js";
import { adminRoutes } from "./modules/admin/admin.routes.js";
import { createAdminService, ensureFirstAdmin } from "./modules/admin/admin.service.js";
import { accessTokenClaims } from "./modules/auth/access-token.js";
import { authRoutes } from "./modules/auth/auth.routes.js";
import { createAuthService } from "./modules/auth/auth.service.js";
import { createBookingFeature } from "./modules/bookings/booking-feature.js";
import {
  buildChatServices,
  registerChatRoutes,
  setupChatSockets,
  startChat,
  stopChat,
} from "./modules/chat/chat-feature.js";
import { childrenRoutes } from "./modules/children/children.routes.js";
import { createChildrenService } from "./modules/children/children.service.js";
import { createContactsService } from "./modules/families/contacts.service.js";
import { familiesRoutes } from "./modules/families/families.routes.js";
import { createFamiliesService } from "./modules/families/families.service.js";
import { createMembershipService } from "./modules/families/membership.service.js";
import { notificationsRoutes } from "./modules/notifications/notifications.routes.js";
import { createNotificationsService } from "./modules/notifications/notifications.service.js";
import { opsRoutes } from "./modules/ops/ops.routes.js";
import { createPrivacyFeature } from "./modules/privacy/privacy-feature.js";
import { registerSocketHandlers, type SocketFeature } from "./realtime/handlers/index.js";
import { createIo, type IoServer, RECOVERY_WINDOW_MS } from "./realtime/io.js";
import { createSharedState, type SharedState } from "./realtime/shared-state.js";
import { assertNoDemoAccounts } from "./seed/demo-guard.js";

/** A running (or ready to listen) CareCircle server. */
export interface CareCircle {
  app: Express;
  httpServer: HttpServer;
  io: IoServer;
  dbHandle: DbHandle;
  deps: Deps;
  services: ReturnType<typeof buildServices>;
  logger: Logger;
  /** Listen on `port` (0 = ephemeral); resolves to the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Graceful stop: refuse new work, finish in-flight requests, close sockets, then the database. */
  close(): Promise<void>;
}

export interface CreateOptions {
  config: Readonly<Config>;
  logger?: Logger;
  /** Use an already open database (tests); otherwise opened from the config. */
  dbHandle?: DbHandle;
  /** Apply migrations at start (default true). */
  migrate?: boolean;
}

/** The JWT secret: configured, or generated once and kept in the data dir (with a warning). */
export function resolveJwtSecret(config: Readonly<Config>, logger: Logger): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = path.resolve(config.dataDir, "jwt-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  logger.warn({ file }, "JWT_SECRET is not set; generated a random secret and stored it in the data dir");
  return secret;
}

function buildServices(deps: Deps, shared: SharedState) {
  const families = createFamiliesService(deps);
  const notifications = createNotificationsService(deps);
  const membership = createMembershipService(deps, families, notifications);
  const chat = buildChatServices(deps, { rateLimiter: shared.sendRateLimiter });
  const booking = createBookingFeature(deps, families);
  booking.checkins.setStressAlerts(chat.alerts);
  return {
    auth: createAuthService(deps, membership, notifications, { failures: shared.loginFailures }),
    families,
    membership,
    contacts: createContactsService(deps),
    children: createChildrenService(deps, families),
    admin: createAdminService(deps),
    notifications,
    chat,
    booking,
    privacy: createPrivacyFeature(deps, chat, { failures: shared.loginFailures }),
  };
}

/** A request path fit for logs: no query string, and secret-bearing segments masked. */
export function safePath(url: string): string {
  const path = url.split("?")[0] ?? "";
  return path.replace(/(\/calendar\/|\/ics\/)[^/]+/g, "$1[secret]");
}

const defaultClientDist = fileURLToPath(new URL("../../client/dist", import.meta.url));

/** Build the whole server: database, Express app, Socket.IO and every module. */
export async function createCareCircle(opts: CreateOptions): Promise<CareCircle> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  // The embedded database must never be opened by two processes at once.
  const releaseDataDir = !opts.dbHandle && !config.databaseUrl ? claimDataDir(config.dataDir) : () => {};
  const dbHandle =
    opts.dbHandle ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      poolMax: config.databasePoolMax,
      pgliteDir: path.resolve(config.dataDir, "db"),
    }));
  if (opts.migrate !== false) await dbHandle.migrate();
  try {
    await assertNoDemoAccounts(dbHandle.db, config);
  } catch (err) {
    if (!opts.dbHandle) await dbHandle.close();
    releaseDataDir();
    throw err;
  }
  const jwtSecret = resolveJwtSecret(config, logger);

  const app = express();
  app.disable("x-powered-by");
  // While draining for shutdown, every response closes its connection so keep-alive clients
  // reconnect elsewhere instead of holding this process open.
  const lifecycle = { draining: false };
  app.use((_req, res, next) => {
    if (lifecycle.draining) res.setHeader("Connection", "close");
    next();
  });
  if (config.trustProxy) app.set("trust proxy", 1);
  // Slow-header and slow-body clients are cut off instead of holding a request slot (docs/DEPLOY.md).
  const httpServer = createServer(
    {
      headersTimeout: Math.min(config.headersTimeoutMs, config.requestTimeoutMs),
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.headersTimeoutMs / 2),
    },
    app,
  );
  jsonClientErrors(httpServer);

  let authenticateRef: Authenticate = async () => {
    throw new Error("not ready");
  };
  const authenticate: Authenticate = (token) => authenticateRef(token);
  // In-process, or in Redis when REDIS_URL is set (several nodes acting as one).
  const shared = await createSharedState(config, logger, { recoveryWindowMs: RECOVERY_WINDOW_MS });
  const { io, realtime } = createIo(httpServer, {
    corsOrigin: config.corsOrigin,
    authenticate,
    tokenExpiry: (token) => accessTokenClaims(token, jwtSecret).expMs,
    eventLimiter: shared.eventRateLimiter,
    logger,
    adapter: shared.adapter,
    forgetRoomInSessions: shared.forgetRoomInSessions,
  });
  const deps: Deps = { db: dbHandle.db, config, logger, realtime, jwtSecret };
  const services = buildServices(deps, shared);
  authenticateRef = (token) => services.auth.authenticate(token);

  await ensureFirstAdmin(deps, config.adminEmail, config.adminPassword);
  await startChat(services.chat);

  app.use(
    pinoHttp({
      logger,
      quietReqLogger: true,
      // Only method, path (secret path segments masked, no query string), status and timing:
      // never headers, bodies or query strings, which can carry tokens or personal data.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: safePath(req.url) }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "info" : "debug",
    }),
  );
  securityHeaders(app, config.corsOrigin);
  // Shed load and rate-limit before spending anything on parsing bodies.
  // Per address first, so one address's slow requests cannot fill the global limit.
  app.use(inflightPerAddress(config.maxInflightPerAddress));
  app.use(inflightLimit(config.maxInflightRequests));
  app.use(requestRateLimit({ limiter: shared.requestRateLimiter, jwtSecret }));
  app.use(
    express.json({
      limit: LIMITS.jsonBodyBytes,
      strict: true,
      type: ["application/json", "application/*+json"],
    }),
  );

  const router = express.Router();
  opsRoutes(router, authenticate, dbHandle, lifecycle);
  authRoutes(router, authenticate, services.auth);
  familiesRoutes(router, authenticate, services.families, services.contacts, services.membership);
  childrenRoutes(router, authenticate, services.children);
  adminRoutes(router, authenticate, services.admin);
  notificationsRoutes(router, authenticate, services.notifications);
  registerChatRoutes(router, authenticate, services.chat);
  services.booking.routes(router, authenticate);
  services.privacy.routes(router, authenticate);
  app.use(router);
  app.use("/api", notFoundHandler);

  const socketFeatures: SocketFeature[] = [
    ...setupChatSockets(io, deps, services.chat),
    services.booking.socketFeature,
  ];
  registerSocketHandlers(io, socketFeatures, logger);
  services.booking.scheduler.start();

  const clientDist = config.clientDist ?? defaultClientDist;
  if (existsSync(path.join(clientDist, "index.html"))) {
    // Source maps carry the full sources; production builds have none, and none are ever served.
    app.use((req, res, next) => (req.path.endsWith(".map") ? notFoundHandler(req, res, next) : next()));
    app.use(express.static(clientDist, { index: false, maxAge: "1h" }));
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
      res.sendFile(path.join(clientDist, "index.html"));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  let closing: Promise<void> | undefined;
  return {
    app,
    httpServer,
    io,
    dbHandle,
    deps,
    services,
    logger,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const addr = httpServer.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    close() {
      closing ??= (async () => {
        // Drain first: keep accepting for a moment while /readyz says 503 and every response
        // says `Connection: close`, so connections already queued (the embedded database can keep
        // this thread busy, delaying accepts) are served and load balancers stop routing here.
        lifecycle.draining = true;
        // Only this node's sockets: with the Redis adapter, io.emit/disconnectSockets reach every node.
        io.local.emit("session:ended", { reason: "shutdown" });
        io.local.disconnectSockets(true);
        if (config.shutdownDrainMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
        // Then stop accepting at the socket level only (http.Server#close would also drop "idle"
        // connections whose request has arrived but is not parsed yet) and sweep idle ones.
        const httpClosed = new Promise<void>((resolve) => {
          if (!httpServer.listening) return resolve();
          net.Server.prototype.close.call(httpServer, () => resolve());
        });
        const sweep = setInterval(() => httpServer.closeIdleConnections(), 100);
        const force = setTimeout(() => httpServer.closeAllConnections(), 8000);
        await httpClosed;
        clearInterval(sweep);
        clearTimeout(force);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await shared.close();
        await stopChat(services.chat);
        services.booking.scheduler.stop();
        await dbHandle.close();
        releaseDataDir();
      })();
      return closing;
    },
  };
}
