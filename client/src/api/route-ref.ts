import type { HttpMethod, RouteSpec } from "@carecircle/shared";

/**
 * What the client holds of one API route at run time (see routes.gen.ts): its method, path and
 * whether it is public. `spec` is never set; it carries the full route's type, schemas included,
 * so `call()` types its input and answer without the schemas being in the bundle.
 */
export interface RouteRef<R extends RouteSpec = RouteSpec> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly public: boolean;
  readonly spec?: R;
}

/** The full route a reference stands for. */
export type SpecOf<F extends RouteRef> = NonNullable<F["spec"]>;
