import { type EventAccessSpec, type RouteSpec, unscopedRoles } from "@carecircle/shared";
import type { Deny, Target } from "./cases.js";
import type { Persona } from "./world.js";

/** What the table says one call must answer: access granted, or the refusal status. */
export type Expected = "allowed" | 401 | 403 | 404;

const DEFAULT_DENY: Record<Target, Deny | undefined> = {
  none: undefined,
  caller: undefined,
  family: 404,
  child: 404,
  booking: 404,
  station: 403,
  group: 403,
  message: "reader",
  project: 404,
  case: 404,
};

/**
 * The outcome the access table (`access`, `relations`, `unscoped`) predicts for `p` calling a route
 * or event whose relations are checked against `target`. Roles are checked first (anonymous 401,
 * a role not listed 403); then relations: roles in `unscoped` pass, as does every holder of the
 * role when the call only touches the caller's own data; otherwise one listed relation must be held.
 */
export function expectedOutcome(
  spec: Pick<RouteSpec, "access" | "relations" | "unscoped"> | EventAccessSpec,
  target: Target,
  deny: Deny | undefined,
  p: Persona,
): Expected {
  if (spec.access === "public") return "allowed";
  if (!p.role) return 401;
  if (!spec.access.includes(p.role)) return 403;
  const relations = spec.relations ?? [];
  if (relations.length === 0 || target === "caller") return "allowed";
  if (unscopedRoles(spec).includes(p.role)) return "allowed";
  if (relations.some((r) => p.holds.has(r))) return "allowed";
  const refusal = deny ?? DEFAULT_DENY[target];
  if (refusal === undefined) throw new Error(`target ${target} cannot refuse for a missing relation`);
  if (refusal === "reader") return p.readsGroup ? 403 : 404;
  return refusal;
}

/** The error code of each refusal status (acks carry the code only). */
export const REFUSAL_CODE: Record<401 | 403 | 404, string> = {
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
};
