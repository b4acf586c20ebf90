import type { z } from "zod";
import type { Role } from "../enums.js";

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

/**
 * The relationship a caller must also have to the target, checked by the service that owns the
 * data (roles alone are checked by the route layer from `access`). A caller without it gets 404
 * where the target's existence is private (children, bookings, families, messages of groups they
 * cannot read) and 403 where it is public (groups, stations); see docs/decisions/003, 013, 060.
 */
export type Relation =
  | "self"
  | "own_family"
  | "assigned_social_worker"
  | "group_member"
  | "group_moderator"
  | "station_staff"
  | "booking_party"
  /** An alert was routed or escalated to the caller (stress alerts, escalation steps). */
  | "alert_recipient"
  /** A social worker named on a report project (issue 18 §4). */
  | "project_member"
  /** The caller works on the case (`case_workers`, lead or member); decision 123. */
  | "case_worker"
  /** The caller is the case's lead social worker. */
  | "case_lead"
  /** The caller created the group activity or works at its station (decision 141). */
  | "activity_organiser";

/** One HTTP route of the API: the single source for routing, access control and OpenAPI. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/children/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** `public` = no token needed; otherwise the roles that may call it. */
  access: "public" | readonly Role[];
  /**
   * Extra relationships, any of which grants access; roles in `unscoped` (admins, unless said
   * otherwise) pass without one. Routes that act only on the caller's own data (`/api/me`,
   * `GET /api/children`) list the relation that scopes what they answer.
   */
  relations?: readonly Relation[];
  /**
   * Roles that pass without any of `relations` (they may act on every target). Defaults to
   * `["admin"]`; `[]` where even an admin must hold the relation (posting needs membership,
   * editing needs authorship).
   */
  unscoped?: readonly Role[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON body of a success; every route has one unless it `produces` something else. */
  response?: z.ZodType;
  /** The media type of a route that answers with something other than JSON (a file). */
  produces?: string;
  /**
   * The body is raw bytes (a file), not JSON: read only after the token and role checks, up to
   * `maxBytes` (larger: 413 PAYLOAD_TOO_LARGE, `details.reason` "too_big"), whatever the
   * `Content-Type` says; the handler gets them as `bytes`.
   */
  upload?: { maxBytes: number };
  /** Success status; defaults to 200. */
  status?: number;
}

/** What a route answers with: JSON described by a schema, or another media type. */
type Answer = { response: z.ZodType; produces?: never } | { produces: string; response?: never };

/**
 * Identity helper that keeps literal types while checking the shape; a route that states
 * neither a `response` schema nor what it `produces` does not compile.
 */
export function defineRoutes<T extends Record<string, RouteSpec & Answer>>(routes: T): T {
  return routes;
}

/** The roles that pass a route's or event's relationship check without holding a relation. */
export function unscopedRoles(spec: {
  relations?: readonly Relation[];
  unscoped?: readonly Role[];
}): readonly Role[] {
  return spec.unscoped ?? ["admin"];
}

export const ALL_ROLES = [
  "caregiver",
  "social_worker",
  "station_staff",
  "admin",
] as const satisfies readonly Role[];
