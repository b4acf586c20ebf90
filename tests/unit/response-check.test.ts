import { ROUTES } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { assertResponseMatches } from "../../server/src/http/response-check.js";

const health = { status: "ok", uptimeSeconds: 3 };

describe("response check (development and tests)", () => {
  it("passes an answer that is exactly what the route's schema declares", () => {
    expect(() => assertResponseMatches(ROUTES.healthz, health)).not.toThrow();
  });

  it("fails, naming the route and the field, when the answer does not parse", () => {
    expect(() => assertResponseMatches(ROUTES.healthz, { ...health, uptimeSeconds: "3" })).toThrow(
      /GET \/healthz.*uptimeSeconds/,
    );
  });

  it("fails on keys the schema does not declare, however deep", () => {
    expect(() => assertResponseMatches(ROUTES.healthz, { ...health, pid: 1 })).toThrow(
      /GET \/healthz.*pid: not declared/,
    );
    const ready = { status: "ok", database: { kind: "pglite", ok: true, dir: "/data" } };
    expect(() => assertResponseMatches(ROUTES.readyz, ready)).toThrow(/database\.dir: not declared/);
  });

  it("checks what the client receives: JSON, so undefined keys are absent and dates are strings", () => {
    expect(() => assertResponseMatches(ROUTES.healthz, { ...health, note: undefined })).not.toThrow();
  });

  it("refuses JSON from a route that declares none", () => {
    expect(() => assertResponseMatches(ROUTES.calendarFeed, health)).toThrow(/declares no response/);
  });
});
