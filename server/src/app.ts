import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server as HttpServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express } from "express";
import { type DbHandle, openDatabase } from "./db/client.js";
import { claimDataDir } from "./db/data-dir-lock.js";
import type { Deps } from "./deps.js";
import type { Config } from "./env.js";
import {
  createHttpApp,
  type Lifecycle,
  listenOn,
  useClientAndErrors,
  useFrontMiddleware,
} from "./http/build-app.js";
import { notFoundHandler } from "./http/error-handler.js";
import type { Authenticate } from "./http/mount.js";
import { drainTraffic } from "./http/shutdown.js";
import { createBackground } from "./lib/background.js";
import { createLogger, type Logger } from "./logger.js";
import { createActivityReminders } from "./modules/activities/activity-reminders.js";
import { adminRoutes } from "./modules/admin/admin.routes.js";
import { createAdminService, ensureFirstAdmin } from "./modules/admin/admin.service.js";
import { accessTokenClaims } from "./modules/auth/access-token.js";
import { authRoutes } from "./modules/auth/auth.routes.js";
import { createAuthService } from "./modules/auth/auth.service.js";
import { createBookingFeature } from "./modules/bookings/booking-feature.js";
import { createCaseFeature } from "./modules/cases/case-feature.js";
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
import { createPoliciesFeature } from "./modules/policies/policies-feature.js";
import { createPrivacyFeature } from "./modules/privacy/privacy-feature.js";
import { createPushFeature } from "./modules/push/push-feature.js";
import { createBookingReminders } from "./modules/reminders/booking-reminders.js";
import { reportsRoutes } from "./modules/reports/reports.routes.js";
import { createReportsService } from "./modules/reports/reports.service.js";
import { createScalesFeature } from "./modules/scales/scales-feature.js";
import { createStaffingFeature } from "./modules/staffing/staffing-feature.js";
import { createStationDayFeature } from "./modules/station-day/station-day-feature.js";
import { supportMapRoutes } from "./modules/support-map/support-map.routes.js";
import { createSupportMapService } from "./modules/support-map/support-map.service.js";
import { createIo, type IoServer, RECOVERY_WINDOW_MS } from "./realtime/io.js";
import { createSharedState, type SharedState } from "./realtime/shared-state.js";
import { registerSocketHandlers, type SocketFeature } from "./realtime/socket-features.js";
import { assertNoDemoAccounts } from "./seed/demo-guard.js";

/** The services of every module (see buildServices). */
export type Services = ReturnType<typeof buildServices>;

/** A running (or ready to listen) CareCircle server. */
export interface CareCircle {
  app: Express;
  httpServer: HttpServer;
  io: IoServer;
  dbHandle: DbHandle;
  deps: Deps;
  services: Services;
  logger: Logger;
  /** Listen on `port` (0 = ephemeral); resolves to the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Graceful stop: refuse new work, finish in-flight requests, close sockets, then the database. */
  close(): Promise<void>;
}

/** How to build a server: its config, and optionally a logger and an open database (tests). */
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

/** Every module's service, wired to the ones it depends on. */
function buildServices(deps: Deps, shared: SharedState) {
  const families = createFamiliesService(deps);
  const notifications = createNotificationsService(deps);
  const membership = createMembershipService(deps, families);
  const chat = buildChatServices(deps, { rateLimiter: shared.sendRateLimiter });
  // Stress check-ins raise alerts, so the chat feature (which owns alerts) is built first.
  const booking = createBookingFeature(deps, families, chat.alerts);
  return {
    auth: createAuthService(deps, membership, { failures: shared.loginFailures }),
    families,
    membership,
    contacts: createContactsService(deps),
    children: createChildrenService(deps, families),
    admin: createAdminService(deps),
    notifications,
    chat,
    booking,
    reminders: createBookingReminders(deps),
    activityReminders: createActivityReminders(deps),
    privacy: createPrivacyFeature(deps, chat, { failures: shared.loginFailures }),
    push: createPushFeature(deps),
    reports: createReportsService(deps),
    policies: createPoliciesFeature(deps, chat),
    cases: createCaseFeature(deps),
    scales: createScalesFeature(deps, families),
    supportMap: createSupportMapService(deps, families),
    stationDay: createStationDayFeature(deps),
    staffing: createStaffingFeature(deps, families),
  };
}

const defaultClientDist = fileURLToPath(new URL("../../client/dist", import.meta.url));

/** Open (and migrate) the configured database, refusing demo accounts where they are not allowed. */
async function openStore(opts: CreateOptions): Promise<{ dbHandle: DbHandle; releaseDataDir: () => void }> {
  const { config } = opts;
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
  return { dbHandle, releaseDataDir };
}

/** Every module's HTTP routes on one router; unknown /api paths end here with 404. */
function mountApi(
  app: Express,
  authenticate: Authenticate,
  services: Services,
  ops: { dbHandle: DbHandle; lifecycle: Lifecycle },
): void {
  const router = express.Router();
  opsRoutes(router, authenticate, ops.dbHandle, ops.lifecycle);
  authRoutes(router, authenticate, services.auth);
  familiesRoutes(router, authenticate, services.families, services.contacts, services.membership);
  childrenRoutes(router, authenticate, services.children);
  adminRoutes(router, authenticate, services.admin);
  notificationsRoutes(router, authenticate, services.notifications);
  registerChatRoutes(router, authenticate, services.chat);
  services.booking.routes(router, authenticate);
  services.privacy.routes(router, authenticate);
  services.push.routes(router, authenticate);
  reportsRoutes(router, authenticate, services.reports);
  services.policies.routes(router, authenticate);
  services.cases.routes(router, authenticate);
  services.scales.routes(router, authenticate);
  supportMapRoutes(router, authenticate, services.supportMap);
  services.stationDay.routes(router, authenticate);
  services.staffing.routes(router, authenticate);
  app.use(router);
  app.use("/api", notFoundHandler);
}

/** Build the whole server: database, Express app, Socket.IO and every module. */
export async function createCareCircle(opts: CreateOptions): Promise<CareCircle> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const { dbHandle, releaseDataDir } = await openStore(opts);
  const jwtSecret = resolveJwtSecret(config, logger);
  const { app, httpServer, lifecycle } = createHttpApp(config);

  // Sockets authenticate through the auth service, which needs the realtime hub from createIo.
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
  const deps: Deps = {
    db: dbHandle.db,
    config,
    logger,
    realtime,
    jwtSecret,
    background: createBackground(),
  };
  const services = buildServices(deps, shared);
  authenticateRef = (token) => services.auth.authenticate(token);

  await ensureFirstAdmin(deps, config.adminEmail, config.adminPassword);
  await startChat(services.chat);
  await services.scales.definitions.seedBuiltIns();
  await services.staffing.needs.seedBuiltIns();

  useFrontMiddleware(app, { config, logger, requestLimiter: shared.requestRateLimiter, jwtSecret });
  mountApi(app, authenticate, services, { dbHandle, lifecycle });
  const socketFeatures: SocketFeature[] = [
    ...setupChatSockets(io, deps, services.chat),
    services.booking.socketFeature,
  ];
  registerSocketHandlers(io, socketFeatures, logger);
  services.booking.scheduler.start();
  services.push.sender.start();
  services.reminders.start();
  services.activityReminders.start();
  services.policies.review.start();
  services.cases.purge.start();
  services.stationDay.review.start();
  services.staffing.expiry.start();
  useClientAndErrors(app, { clientDist: config.clientDist ?? defaultClientDist, logger });

  let closing: Promise<void> | undefined;
  return {
    app,
    httpServer,
    io,
    dbHandle,
    deps,
    services,
    logger,
    listen: (port = config.port, host = config.host) => listenOn(httpServer, port, host),
    close() {
      closing ??= (async () => {
        await drainTraffic({ httpServer, io, lifecycle, drainMs: config.shutdownDrainMs });
        // What answered calls started (notifications, background events) lands before the end.
        if (!(await deps.background.idle(5000))) logger.warn("background work still running at shutdown");
        await shared.close();
        await stopChat(services.chat);
        services.booking.scheduler.stop();
        await services.push.sender.stop();
        await services.reminders.stop();
        await services.activityReminders.stop();
        await services.policies.review.stop();
        await services.cases.purge.stop();
        await services.stationDay.review.stop();
        await services.staffing.expiry.stop();
        await dbHandle.close();
        releaseDataDir();
      })();
      return closing;
    },
  };
}
