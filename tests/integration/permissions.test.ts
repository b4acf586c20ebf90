import { sql } from "@carecircle/server";
import {
  type ClientEventName,
  EVENT_ACCESS,
  type HttpMethod,
  ROUTES,
  type RouteName,
  type RouteSpec,
} from "@carecircle/shared";
import type supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { type ClientSocket, connectSocket, emitAckRaw, sqlCount } from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";
import { EVENT_CASES, type EventCase, ROUTE_CASES, type RouteCase } from "./permissions/cases.js";
import { type Expected, expectedOutcome, REFUSAL_CODE } from "./permissions/expect.js";
import { buildWorld, PERSONAS, type Persona, type PersonaName, type World } from "./permissions/world.js";

/*
 * Access control as data (docs/decisions/060): every route of ROUTES and every event of
 * EVENT_ACCESS is called as each persona of one world, and the answer must be exactly what the
 * table predicts. A refused call must change nothing in the database.
 */

// A failed push is retried only after an hour: a retry landing between a refused call's two
// fingerprints would look like the call changed something.
const srv = useTestServer({
  chatSendLimit: 100_000,
  socketEventLimitScale: 100_000,
  pushRetryBaseMs: 3_600_000,
});
let w: World;
const sockets = new Map<PersonaName, ClientSocket>();
const tally = { routeCalls: 0, eventCalls: 0, refused: 0 };

beforeAll(async () => {
  w = await buildWorld(srv);
});

/**
 * What earlier allowed calls started after answering (a message's notifications, background
 * events) must land, and the pushes they queued be tried once and settled, so neither write can
 * fall between two fingerprints.
 */
async function pushesTried(): Promise<void> {
  expect(await srv.cc.deps.background.idle(), "background work of earlier calls to end").toBe(true);
  await until(
    async () =>
      // Untried jobs are due now; a job being sent is leased for a minute and written again when
      // its send ends (a dead endpoint takes the send timeout). A retried one waits an hour.
      (await sqlCount(
        srv,
        sql`select count(*) from push_jobs where not held and due_at < now() + interval '10 minutes'`,
      )) === 0,
    { what: "queued pushes to be tried and settled", timeoutMs: 20_000 },
  );
}

/**
 * Refused calls come first and back to back (see callOrder), so one fingerprint before the first
 * and one after the last prove that none of them changed anything.
 */
function refusals() {
  let before: string | undefined;
  const calls: string[] = [];
  return {
    async add(call: () => Promise<string>): Promise<void> {
      if (before === undefined) {
        await pushesTried();
        before = await databaseFingerprint(srv.cc.deps.db);
      }
      calls.push(await call());
    },
    async assertNothingChanged(): Promise<void> {
      if (before === undefined) return;
      const after = await databaseFingerprint(srv.cc.deps.db);
      expect(after, `one of these refused calls changed the database:\n${calls.join("\n")}`).toBe(before);
      before = undefined;
    },
  };
}

/** Refused personas first, so a destructive route's allowed calls cannot change their answer. */
function callOrder(outcome: (p: Persona) => Expected): Persona[] {
  const all = PERSONAS.map((n) => w.personas[n]);
  return [...all.filter((p) => outcome(p) !== "allowed"), ...all.filter((p) => outcome(p) === "allowed")];
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(v);
  });
}

async function walkRoute(name: RouteName): Promise<void> {
  const spec: RouteSpec = ROUTES[name];
  const c = ROUTE_CASES[name] as RouteCase;
  if (c.target === "none")
    expect(spec.relations ?? [], `${name}: a "none" target lists no relation`).toEqual([]);
  const outcome = (p: Persona) => expectedOutcome(spec, c.target, c.deny, p);
  let f: unknown = c.setup ? await c.setup(w) : undefined;
  let needFresh = !!c.fresh;
  const refused = refusals();
  for (const p of callOrder(outcome)) {
    if (needFresh && c.fresh) {
      f = await c.fresh(w);
      needFresh = false;
    }
    const ctx = { w, p, f };
    const want = outcome(p);
    const call = async () => {
      let req: supertest.Test = srv.http[spec.method as HttpMethod](
        fillPath(spec.path, c.params?.(ctx) ?? {}),
      );
      if (c.query) req = req.query(c.query(ctx));
      if (p.account) req = req.set("Authorization", p.account.auth);
      const body = c.body?.(ctx);
      const res = body === undefined ? await req : await req.send(body as object);
      const what = `${name} (${spec.method.toUpperCase()} ${spec.path}) as ${p.name}: ${res.status} ${(res.text ?? "").slice(0, 200)}`;
      tally.routeCalls++;
      if (want === "allowed") {
        expect([401, 403, 404], `${what}: the table allows it`).not.toContain(res.status);
        expect(res.status, what).toBeLessThan(500);
      } else {
        tally.refused++;
        expect(res.status, `${what}: the table refuses it`).toBe(want);
        expect(res.body.error.code, what).toBe(REFUSAL_CODE[want]);
      }
      return what;
    };
    if (want === "allowed") {
      await refused.assertNothingChanged();
      await call();
      await c.afterAllowed?.(ctx);
      needFresh = true;
    } else await refused.add(call);
  }
  await refused.assertNothingChanged();
}

async function socketOf(p: Persona): Promise<ClientSocket> {
  let s = sockets.get(p.name);
  if (!s) {
    s = await connectSocket(srv, p.account!.token);
    sockets.set(p.name, s);
  }
  return s;
}

async function walkEvent(name: ClientEventName): Promise<void> {
  const spec = EVENT_ACCESS[name];
  const c = EVENT_CASES[name] as EventCase;
  const outcome = (p: Persona) => expectedOutcome(spec, c.target, c.deny, p);
  let f: unknown;
  let needFresh = !!c.fresh;
  const refused = refusals();
  for (const p of callOrder(outcome)) {
    if (needFresh && c.fresh) {
      f = await c.fresh(w);
      needFresh = false;
    }
    const want = outcome(p);
    tally.eventCalls++;
    if (!p.account) {
      // Sockets authenticate at connect: an anonymous caller never gets as far as an event.
      expect(want).toBe(401);
      tally.refused++;
      const code = await connectSocket(srv, undefined).then(
        () => undefined,
        (err: { data?: { code?: string } }) => err.data?.code,
      );
      expect(code, `${name} as anonymous: connect must be refused`).toBe("UNAUTHENTICATED");
      continue;
    }
    const call = async () => {
      const ack = (await emitAckRaw(await socketOf(p), name, [c.payload({ w, p, f })])) as {
        ok: boolean;
        error?: { code: string };
      };
      const what = `${name} as ${p.name}: ${JSON.stringify(ack).slice(0, 200)}`;
      if (want === "allowed") {
        expect(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"], `${what}: the table allows it`).not.toContain(
          ack.error?.code,
        );
        expect(ack.error?.code, what).not.toBe("INTERNAL");
      } else {
        tally.refused++;
        expect(ack.ok, what).toBe(false);
        expect(ack.error?.code, `${what}: the table refuses it`).toBe(REFUSAL_CODE[want]);
      }
      return what;
    };
    if (want === "allowed") {
      await refused.assertNothingChanged();
      await call();
      needFresh = true;
    } else await refused.add(call);
  }
  await refused.assertNothingChanged();
}

const routeNames = Object.keys(ROUTES) as RouteName[];
const isLast = (n: RouteName) => (ROUTE_CASES[n] as RouteCase | undefined)?.last === true;

describe("the access table covers the whole API", () => {
  it("every route of ROUTES has a case, and every case a route", () => {
    const cases = Object.keys(ROUTE_CASES);
    expect(
      routeNames.filter((n) => !cases.includes(n)),
      "routes without a permission case",
    ).toEqual([]);
    expect(
      cases.filter((n) => !(n in ROUTES)),
      "cases of routes that no longer exist",
    ).toEqual([]);
  });

  it("every client event has an access entry and a case", () => {
    const cases = Object.keys(EVENT_CASES);
    const events = Object.keys(EVENT_ACCESS);
    expect(events.filter((n) => !cases.includes(n))).toEqual([]);
    expect(cases.filter((n) => !events.includes(n))).toEqual([]);
  });

  it("the server answers no HTTP route that is not in ROUTES", () => {
    const served = servedRoutes(srv.cc.app);
    const table = new Set(Object.values(ROUTES).map((r) => `${r.method} ${r.path}`));
    const strays = served.filter((r) => typeof r.path === "string" && !table.has(`${r.method} ${r.path}`));
    expect(strays, "routes mounted outside the shared table").toEqual([]);
    // The only non-table route is the client's page fallback, which never answers /api or sockets.
    for (const r of served.filter((x) => typeof x.path !== "string")) {
      expect(r.method).toBe("get");
      const re = r.path as RegExp;
      for (const p of ["/api/children", "/api/x", "/socket.io/"])
        expect(re.test(p), `${re} serves ${p}`).toBe(false);
    }
    const mounted = new Set(served.map((r) => `${r.method} ${String(r.path)}`));
    expect(
      [...table].filter((r) => !mounted.has(r)),
      "table routes that are not mounted",
    ).toEqual([]);
  });
});

describe("every route answers each persona exactly as the table says", () => {
  for (const name of routeNames.filter((n) => !isLast(n))) {
    const spec = ROUTES[name] as RouteSpec;
    it(`${spec.method.toUpperCase()} ${spec.path} (${name})`, () => walkRoute(name));
  }
});

describe("every socket event answers each persona exactly as the table says", () => {
  for (const name of Object.keys(EVENT_ACCESS) as ClientEventName[]) {
    it(name, () => walkEvent(name));
  }

  it("the role is checked in onEvent before the payload: a role not in the table gets FORBIDDEN even for garbage", async () => {
    const staff = await socketOf(w.personas.staffThis);
    const caregiver = await socketOf(w.personas.cgOther);
    for (const name of Object.keys(EVENT_ACCESS) as ClientEventName[]) {
      const listed = (EVENT_ACCESS[name].access as readonly string[]).includes("station_staff");
      // Only the socket's own token refresh is for every role.
      expect(listed, `${name} is not for station staff`).toBe(name === "auth:refresh");
      if (listed) continue;
      expect(await emitAckRaw(staff, name, [{ nonsense: true }]), name).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await emitAckRaw(caregiver, name, [{ nonsense: true }]), name).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED" },
      });
    }
  });
});

describe("routes that end the caller's account, walked last", () => {
  for (const name of routeNames.filter(isLast)) {
    const spec = ROUTES[name] as RouteSpec;
    it(`${spec.method.toUpperCase()} ${spec.path} (${name})`, () => walkRoute(name));
  }

  it("walked the whole matrix", () => {
    expect(tally.routeCalls).toBe(routeNames.length * PERSONAS.length);
    expect(tally.eventCalls).toBe(Object.keys(EVENT_ACCESS).length * PERSONAS.length);
    // A table that allowed everything would pass the walk trivially.
    expect(tally.refused).toBeGreaterThan(tally.routeCalls / 3);
  });
});

interface ServedRoute {
  method: string;
  path: string | RegExp;
}

/** Every route registered on the Express app, nested routers included. */
function servedRoutes(app: unknown): ServedRoute[] {
  type Layer = {
    route?: { path: string | RegExp; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  };
  const root = (app as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } }).router;
  const out: ServedRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== "_all") out.push({ method, path: layer.route.path });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(root?.stack ?? []);
  expect(out.length, "found the app's routes").toBeGreaterThan(10);
  return out;
}
