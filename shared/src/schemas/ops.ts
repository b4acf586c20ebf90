import { z } from "zod";

/** `GET /healthz`: the process is up. */
export const HealthSchema = z.object({ status: z.literal("ok"), uptimeSeconds: z.number().int() });

/** `GET /readyz`: the database answered (a failure is a 503 error body instead). */
export const ReadySchema = z.object({
  status: z.literal("ok"),
  database: z.object({ kind: z.enum(["pg", "pglite"]), ok: z.literal(true) }),
});

/** `GET /api/openapi.json`: an OpenAPI 3 document (its shape is OpenAPI's, not ours). */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  paths: z.record(z.string(), z.unknown()),
});
export type Health = z.infer<typeof HealthSchema>;
export type Ready = z.infer<typeof ReadySchema>;
export type OpenApiDocument = z.infer<typeof OpenApiDocumentSchema>;
