import type { RouteSpec } from "@carecircle/shared";
import type { z } from "zod";
import { request } from "./client";
import type { RouteRef, SpecOf } from "./route-ref";

/** One part of a call (`params`, `query` or `body`): optional when its schema takes nothing or `{}`. */
type Part<K extends string, S> = S extends z.ZodType
  ? undefined extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : Record<never, never> extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : { [P in K]: z.input<S> }
  : { [P in K]?: never };

/** An upload route (`upload` in the table) takes the raw file as its body. */
type BodyPart<R extends RouteSpec> = R extends { upload: object } ? { body: Blob } : Part<"body", R["body"]>;

/** What `call(route, …)` takes: the route's path params, query and body as its schemas accept them. */
export type CallInput<R extends RouteSpec> = Part<"params", R["params"]> &
  Part<"query", R["query"]> &
  BodyPart<R>;

/** What a route answers, as its response schema describes it (a Blob for a route that `produces` a file). */
export type CallResult<R extends RouteSpec> = R["response"] extends z.ZodType
  ? z.output<R["response"]>
  : R extends { produces: string }
    ? Blob
    : undefined;

/** The input may be left out when nothing in it is required. */
type CallArgs<R extends RouteSpec> =
  Record<never, never> extends CallInput<R> ? [input?: CallInput<R>] : [input: CallInput<R>];

/** `/api/groups/:id/pins` with `{ id }` -> `/api/groups/<id>/pins` (each value encoded). */
export function routePath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params?.[name])));
}

/** A query string from a route's query values, skipping empty ones (`?` included, or ""). */
export function queryString(query: Record<string, unknown> | undefined): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : "";
}

/**
 * Call one route of the shared table (`call(ROUTES.createBooking, { body })`, the client's
 * schema-free copy in routes.gen.ts): method and path come from the route, the input is typed by its request schemas and the answer by its response
 * schema. Public routes go without a token; every other call carries the session's token and is
 * retried once after a refresh (see `request`). The answer is not parsed here: the server is
 * the one that checks it against the schema (decision 092).
 */
export function call<F extends RouteRef>(
  route: F,
  ...[input]: CallArgs<SpecOf<F>>
): Promise<CallResult<SpecOf<F>>> {
  const parts = (input ?? {}) as { params?: object; query?: object; body?: unknown };
  const url =
    routePath(route.path, parts.params as Record<string, unknown> | undefined) +
    queryString(parts.query as Record<string, unknown> | undefined);
  return request(route.method, url, parts.body, !route.public) as Promise<CallResult<SpecOf<F>>>;
}
