import type { ErrorBody } from "@carecircle/shared";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { isConnectionError, isPgError, PG } from "../db/errors.js";
import { AppError } from "../errors.js";
import { safeError } from "../log-safety.js";
import type { Logger } from "../logger.js";

/** Turn any thrown value into a known AppError (or undefined if it is a real bug). */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; expose?: boolean };
  // body-parser errors
  if (e?.type === "entity.parse.failed")
    return new AppError("MALFORMED_JSON", "The request body is not valid JSON");
  if (e?.type === "entity.too.large")
    return new AppError("PAYLOAD_TOO_LARGE", "The request body is too large");
  if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported")
    return new AppError("VALIDATION_FAILED", "Unsupported body encoding");
  if (e?.type === "request.aborted") return new AppError("VALIDATION_FAILED", "The request was aborted");
  // Framework errors that already mean "the client's request is bad" (e.g. the router's URIError
  // for malformed percent-encoding in a path parameter carries status 400).
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500)
    return new AppError(
      "VALIDATION_FAILED",
      err instanceof URIError ? "Malformed URL encoding" : "Bad request",
    );
  if (isPgError(err, PG.exclusionViolation))
    return new AppError("CONFLICT", "This overlaps another booking of the same child");
  if (isPgError(err, PG.uniqueViolation)) return new AppError("CONFLICT", "This already exists");
  if (isPgError(err, PG.foreignKeyViolation))
    return new AppError("CONFLICT", "This refers to something that no longer exists");
  if (isPgError(err, PG.invalidTextRepresentation))
    return new AppError("VALIDATION_FAILED", "Malformed value");
  if (isPgError(err, PG.serializationFailure) || isPgError(err, PG.deadlockDetected))
    return new AppError("CONFLICT", "Someone else changed this at the same time; please try again");
  if (isConnectionError(err))
    return new AppError("UNAVAILABLE", "The database is unavailable, please try again");
  return undefined;
}

/** The JSON body of an error. */
export function errorBody(err: AppError): ErrorBody {
  return {
    error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
  };
}

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
