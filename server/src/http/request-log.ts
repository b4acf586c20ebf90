import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.js";

/** A request path fit for logs: no query string, and secret-bearing segments masked. */
export function safePath(url: string): string {
  const path = url.split("?")[0] ?? "";
  return path.replace(/(\/calendar\/|\/ics\/)[^/]+/g, "$1[secret]");
}

/**
 * One log line per request with only method, path (secret path segments masked, no query string),
 * status and timing: never headers, bodies or query strings, which can carry tokens or personal data.
 */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: safePath(req.url) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "info" : "debug",
  });
}
