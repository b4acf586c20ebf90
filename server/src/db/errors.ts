/** SQLSTATE codes the services expect and map to clear API errors. */
export const PG = {
  uniqueViolation: "23505",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  exclusionViolation: "23P01",
  invalidTextRepresentation: "22P02",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
} as const;

interface WithCode {
  code?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

/** The PostgreSQL error behind `err` (Drizzle wraps driver errors in `cause`), if any. */
export function pgError(err: unknown): { code: string; constraint?: string } | undefined {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const e = cur as WithCode;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, ...(typeof e.constraint === "string" ? { constraint: e.constraint } : {}) };
    }
    cur = e.cause;
  }
  return undefined;
}

/** True if `err` is (or wraps) a PostgreSQL error with `code`. */
export function isPgError(err: unknown, code: string, constraint?: string): boolean {
  const e = pgError(err);
  return !!e && e.code === code && (constraint === undefined || e.constraint === constraint);
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "57P01",
  "57P03",
]);

/** True if `err` means the database could not be reached (so the answer is 503, not 500). */
export function isConnectionError(err: unknown): boolean {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const e = cur as WithCode & { message?: unknown };
    if (typeof e.code === "string" && (CONNECTION_CODES.has(e.code) || e.code.startsWith("08"))) return true;
    if (
      typeof e.message === "string" &&
      /timeout exceeded when trying to connect|Connection terminated/i.test(e.message)
    )
      return true;
    cur = e.cause;
  }
  return false;
}
