import type { z } from "zod";
import { AppError } from "../errors.js";

/** Parse `value` with `schema` or throw 400 VALIDATION_FAILED naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues.slice(0, 20)) {
    const key = issue.path.length ? issue.path.map(String).join(".") : where;
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");
  throw new AppError("VALIDATION_FAILED", `Invalid ${where}: ${summary}`, {
    fields,
    issues: result.error.issues
      .slice(0, 20)
      .map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
  });
}
