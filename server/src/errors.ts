import type { ErrorBody } from "@carecircle/shared";
import { ERROR_STATUS, type ErrorCode } from "@carecircle/shared";
import { isConnectionError, isPgError, PG } from "./db/errors.js";

/** A known, expected failure: becomes `{ error: { code, message, details } }` with its status. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") => new AppError("FORBIDDEN", message);
export const unauthenticated = (message = "Please log in") => new AppError("UNAUTHENTICATED", message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, details);
export const invalid = (field: string, reason: string) =>
  new AppError("VALIDATION_FAILED", `${field}: ${reason}`, { fields: { [field]: reason } });
export const rateLimited = (retryAfterSeconds: number, message = "Too many attempts, please wait") =>
  new AppError("RATE_LIMITED", message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
export const unavailable = (message = "The service is temporarily unavailable, please try again") =>
  new AppError("UNAVAILABLE", message);

/** Narrow away null/undefined or throw NOT_FOUND for `what`. */
export function assertFound<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw notFound(what);
  return value;
}

/** Throw `error` unless `condition` holds. */
export function invariant(condition: unknown, error: AppError): asserts condition {
  if (!condition) throw error;
}

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
