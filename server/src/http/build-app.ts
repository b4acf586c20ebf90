import { existsSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import { LIMITS } from "@carecircle/shared";
import express, { type Express } from "express";
import type { Config } from "../env.js";
import type { RateLimiter } from "../lib/rate-limit.js";
import type { Logger } from "../logger.js";
import { jsonClientErrors } from "./client-errors.js";
import { errorHandler, notFoundHandler } from "./error-handler.js";
import { requestLog } from "./request-log.js";
import { securityHeaders } from "./security-headers.js";
import { clientAssets } from "./static-assets.js";
import { inflightLimit, inflightPerAddress, requestRateLimit } from "./traffic.js";

/** Whether the process is draining for shutdown (read by /readyz and every response). */
export interface Lifecycle {
  draining: boolean;
}

/** The Express app on its HTTP server, before any middleware but the drain marker. */
export interface HttpApp {
  app: Express;
  httpServer: HttpServer;
  lifecycle: Lifecycle;
}

/** Create the Express app and its HTTP server with the slow-client timeouts of the config. */
export function createHttpApp(config: Readonly<Config>): HttpApp {
  const app = express();
  app.disable("x-powered-by");
  // While draining for shutdown, every response closes its connection so keep-alive clients
  // reconnect elsewhere instead of holding this process open.
  const lifecycle: Lifecycle = { draining: false };
  app.use((_req, res, next) => {
    if (lifecycle.draining) res.setHeader("Connection", "close");
    next();
  });
  // Express's own mode; outside production `mount` also checks every response against its schema.
  app.set("env", config.nodeEnv);
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
  return { app, httpServer, lifecycle };
}

/**
 * The middleware in front of every route, in order: request log, security headers, load shedding
 * and rate limits (before spending anything on parsing bodies), then the JSON body parser.
 */
export function useFrontMiddleware(
  app: Express,
  opts: { config: Readonly<Config>; logger: Logger; requestLimiter: RateLimiter; jwtSecret: string },
): void {
  const { config } = opts;
  app.use(requestLog(opts.logger));
  securityHeaders(app, config.corsOrigin);
  // Per address first, so one address's slow requests cannot fill the global limit.
  app.use(inflightPerAddress(config.maxInflightPerAddress));
  app.use(inflightLimit(config.maxInflightRequests));
  app.use(requestRateLimit({ limiter: opts.requestLimiter, jwtSecret: opts.jwtSecret }));
  app.use(
    express.json({
      limit: LIMITS.jsonBodyBytes,
      strict: true,
      type: ["application/json", "application/*+json"],
    }),
  );
}

/** After the API routes: the built client (if present) with its SPA fallback, then 404 and errors. */
export function useClientAndErrors(app: Express, opts: { clientDist: string; logger: Logger }): void {
  const { clientDist } = opts;
  // Source maps carry the full sources; production builds have none, and none are ever served.
  if (existsSync(path.join(clientDist, "index.html"))) app.use(clientAssets(clientDist));
  app.use(notFoundHandler);
  app.use(errorHandler(opts.logger));
}

/** Listen on `port` (0 = ephemeral); resolves to the bound port. */
export function listenOn(httpServer: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => {
      httpServer.off("error", reject);
      const addr = httpServer.address();
      resolve(typeof addr === "object" && addr ? addr.port : port);
    });
  });
}
