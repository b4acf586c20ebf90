/** Stable machine-readable error codes shared by HTTP responses and socket acks. */
export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "MALFORMED_JSON",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA",
  "UNAUTHENTICATED",
  "INVALID_CREDENTIALS",
  "ACCOUNT_DISABLED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "SLOT_FULL",
  "NOT_BOOKABLE",
  "MUTED",
  "BANNED",
  "BLOCKED_CONTENT",
  "INCOMPLETE",
  "EDIT_WINDOW_CLOSED",
  "UNDO_WINDOW_PASSED",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status that goes with each error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOT_FULL: 409,
  NOT_BOOKABLE: 409,
  MUTED: 403,
  BANNED: 403,
  BLOCKED_CONTENT: 422,
  INCOMPLETE: 422,
  UNDO_WINDOW_PASSED: 409,
  EDIT_WINDOW_CLOSED: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The error object carried by every HTTP error body (`{ error }`) and every failed ack. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Shape of every HTTP error response body. */
export interface ErrorBody {
  error: ApiError;
}

/** Socket acknowledgement: success with a payload, or the shared error object. */
export type Ack<T extends object = Record<never, never>> =
  | ({ ok: true } & T)
  | { ok: false; error: ApiError };
