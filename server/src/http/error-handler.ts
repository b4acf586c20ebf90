import type { ErrorRequestHandler, RequestHandler } from "express";
import { errorBody, toAppError } from "../errors.js";
import { safeError } from "../log-safety.js";
import type { Logger } from "../logger.js";

/** The one Express error handler: known errors keep their code; anything else is a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = toAppError(err);
    if (known) {
      if (known.status >= 500)
        logger.warn({ code: known.code, path: req.path }, "request failed: dependency");
      if (known.details?.retryAfterSeconds)
        res.setHeader("Retry-After", String(known.details.retryAfterSeconds));
      res.status(known.status).json(errorBody(known));
      return;
    }
    logger.error({ error: safeError(err), method: req.method, path: req.path }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).json({ error: { code: "INTERNAL", message: "Something went wrong on our side" } });
  };
}

/** JSON 404 for any route the API does not have. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: "NOT_FOUND", message: `No route ${req.method} ${req.path}` } });
};
