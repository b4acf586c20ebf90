import { ERROR_STATUS, type ErrorCode } from "@carecircle/shared";

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
