import type { OkSchema, RouteSpec } from "@carecircle/shared";
import type { Request, Response, Router } from "express";
import type { z } from "zod";
import { AppError, forbidden, unauthenticated } from "../errors.js";
import { type AuthUser, bearerToken } from "../modules/auth/access-token.js";
import { readRawBody } from "./raw-body.js";
import { assertResponseMatches } from "./response-check.js";
import { parseOrThrow } from "./validate.js";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Caller<R extends RouteSpec> = R["access"] extends "public" ? AuthUser | undefined : AuthUser;

/** What a route handler receives: validated input and the caller. */
export interface RouteInput<R extends RouteSpec> {
  body: Out<R["body"]>;
  query: Out<R["query"]>;
  params: Out<R["params"]>;
  user: Caller<R>;
  /** The raw body of an `upload` route (read after the access checks). */
  bytes: R["upload"] extends object ? Buffer : undefined;
  req: Request;
  res: Response;
}

/** Resolves a bearer token to an active user, or throws UNAUTHENTICATED / ACCOUNT_DISABLED. */
export type Authenticate = (token: string) => Promise<AuthUser>;

/** Marker a handler can return when it has written the response itself (files, redirects). */
export const RESPONDED = Symbol("responded");

/**
 * The answer of an action with nothing else to say. A typed value, because TypeScript widens an
 * inline `{ ok: true }` to `{ ok: boolean }` while it infers `mount`'s route type.
 */
export const OK: z.output<typeof OkSchema> = Object.freeze({ ok: true });

/**
 * What a route's handler resolves to: the output type of the route's `response` schema (the type
 * a client parsing the body gets, so the server must send all of it), or RESPONDED. A route with
 * no `response` (it `produces` a file) can only answer with RESPONDED.
 */
export type RouteResult<R extends RouteSpec> =
  | (R["response"] extends z.ZodType ? z.output<R["response"]> : never)
  | typeof RESPONDED;

/**
 * Register one route from the shared table. This is the one place where access is enforced
 * (token, account state, role) and input is validated; relationships are checked by services.
 * Outside production (the app's `env` setting, from `config.nodeEnv`), every JSON answer is also
 * checked against the route's response schema, so a test that makes the server drift fails.
 */
export function mount<R extends RouteSpec>(
  router: Router,
  spec: R,
  authenticate: Authenticate,
  handler: (input: RouteInput<R>) => Promise<RouteResult<NoInfer<R>>>,
): void {
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    let user: AuthUser | undefined;
    if (spec.access !== "public") {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw unauthenticated();
      user = await authenticate(token);
      if (!spec.access.includes(user.role)) throw forbidden();
    } else {
      const token = bearerToken(req.headers.authorization);
      if (token) user = await authenticate(token).catch(() => undefined);
    }
    const params = spec.params ? parseOrThrow(spec.params, req.params, "path") : undefined;
    const query = spec.query ? parseOrThrow(spec.query, req.query, "query") : undefined;
    // An upload's bytes are read only once the caller and the query passed their checks.
    const bytes = spec.upload ? await readRawBody(req, res, spec.upload.maxBytes) : undefined;
    const input = {
      params,
      query,
      body: spec.body ? parseOrThrow(spec.body, req.body, "body") : undefined,
      bytes,
      user,
      req,
      res,
    } as RouteInput<R>;
    const result = await handler(input);
    if (result === RESPONDED) return;
    if (result === undefined) throw new AppError("INTERNAL", "handler returned nothing");
    if (req.app.get("env") !== "production") assertResponseMatches(spec, result);
    res.status(spec.status ?? 200).json(result);
  });
}
