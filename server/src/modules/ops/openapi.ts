import { ERROR_CODES, type OpenApiDocument, ROUTES, type RouteSpec, unscopedRoles } from "@carecircle/shared";
import { z } from "zod";

const toJson = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" });

/** OpenAPI 3 document generated from the shared route table and zod schemas. */
export function buildOpenApi(version: string): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", spec.params],
      ["query", spec.query],
    ] as const) {
      if (!schema) continue;
      const json = toJson(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [key, prop] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name: key,
          in: where,
          required: where === "path" || !!json.required?.includes(key),
          schema: prop,
        });
      }
    }
    const status = String(spec.status ?? 200);
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: name,
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.access === "public" ? { security: [] } : {}),
      "x-roles": spec.access,
      ...(spec.relations ? { "x-relations": spec.relations, "x-unscoped": unscopedRoles(spec) } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toJson(spec.body, "input") } },
            },
          }
        : {}),
      responses: {
        [status]: {
          description: "Success",
          ...(spec.response
            ? { content: { "application/json": { schema: toJson(spec.response, "output") } } }
            : {}),
        },
        default: {
          description: "Error",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: "CareCircle API", version },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: [...ERROR_CODES] },
                message: { type: "string" },
                details: { type: "object" },
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
  };
}
