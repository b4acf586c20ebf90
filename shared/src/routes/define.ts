import type { z } from "zod";
import type { Role } from "../enums.js";

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

/**
 * The relationship a caller must also have to the target, checked by the service
 * (roles alone are checked by the route layer from `access`).
 */
export type Relation =
  | "self"
  | "own_family"
  | "assigned_social_worker"
  | "group_member"
  | "group_moderator"
  | "station_staff"
  | "booking_party";

/** One HTTP route of the API: the single source for routing, access control and OpenAPI. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/children/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** `public` = no token needed; otherwise the roles that may call it. */
  access: "public" | readonly Role[];
  /** Extra relationships, any of which grants access (admins always pass). */
  relations?: readonly Relation[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status; defaults to 200. */
  status?: number;
}

/** Identity helper that keeps literal types while checking the shape. */
export function defineRoutes<T extends Record<string, RouteSpec>>(routes: T): T {
  return routes;
}

export const ALL_ROLES = [
  "caregiver",
  "social_worker",
  "station_staff",
  "admin",
] as const satisfies readonly Role[];
