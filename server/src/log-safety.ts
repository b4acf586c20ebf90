import { pgError } from "./db/errors.js";

/**
 * An error fit for logs: name, PostgreSQL code and stack, but no query parameters or row values
 * (Drizzle puts the SQL and its parameters, e.g. emails, into its error message; PostgreSQL puts
 * row values into `detail`).
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const pg = pgError(err);
  const cause = (err as { cause?: unknown }).cause;
  const isQueryError = err.name === "DrizzleQueryError" || /^Failed query:/.test(err.message);
  const message = isQueryError
    ? `query failed${cause instanceof Error ? `: ${cause.message}` : ""}`
    : err.message;
  return {
    name: err.name,
    message: message.slice(0, 300),
    ...(pg ? { pgCode: pg.code, constraint: pg.constraint } : {}),
    stack: err.stack?.split("\n").slice(1, 8).join("\n"),
  };
}
