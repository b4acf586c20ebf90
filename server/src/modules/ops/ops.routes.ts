import { type Health, type OpenApiDocument, type Ready, ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import type { DbHandle } from "../../db/client.js";
import { AppError } from "../../errors.js";
import { type Authenticate, mount } from "../../http/mount.js";
import { buildOpenApi } from "./openapi.js";

/** Liveness, readiness and the API description. */
export function opsRoutes(
  router: Router,
  authenticate: Authenticate,
  dbHandle: DbHandle,
  lifecycle: { draining: boolean },
): void {
  let openapi: OpenApiDocument | undefined;
  mount(router, ROUTES.healthz, authenticate, async () => {
    const health: Health = { status: "ok", uptimeSeconds: Math.round(process.uptime()) };
    return health;
  });
  mount(router, ROUTES.readyz, authenticate, async () => {
    if (lifecycle.draining) throw new AppError("UNAVAILABLE", "Shutting down", { draining: true });
    try {
      await dbHandle.ping(2000);
    } catch {
      throw new AppError("UNAVAILABLE", "The database is not reachable", {
        database: { kind: dbHandle.kind, ok: false },
      });
    }
    const ready: Ready = { status: "ok", database: { kind: dbHandle.kind, ok: true } };
    return ready;
  });
  mount(router, ROUTES.openapi, authenticate, async () => {
    openapi ??= buildOpenApi("0.1.0");
    return openapi;
  });
}
