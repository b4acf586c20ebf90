import { ERROR_CODES, ROUTES, type RouteSpec } from "@carecircle/shared";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type Account, buildAdmin, buildCaregiver, buildChild, login } from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
let caregiver: Account;
let admin: Account;
let childId: string;
beforeAll(async () => {
  caregiver = await buildCaregiver(srv);
  admin = await buildAdmin(srv);
  childId = (await buildChild(srv, caregiver)).id;
});

const NASTY = [
  "__proto__",
  "constructor",
  "prototype",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "../../etc/passwd",
  "%00",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, on purpose
  "${jndi:ldap://x}",
  "NaN",
  "-1",
  "1e309",
  "9".repeat(400),
  "x".repeat(70_000),
  "😀".repeat(3000),
  "\u202e\u200b",
];

const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...NASTY.slice(0, 3), "email", "role", "familyId", "id"),
);
const str = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.emailAddress() },
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    str,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  ),
}));
/** Bodies: random values, objects with plausible keys and hostile values, and deep nesting. */
const body = fc.oneof(
  value,
  fc.dictionary(
    fc.constantFrom(
      "email",
      "password",
      "displayName",
      "nickname",
      "birthYear",
      "disabilityTypes",
      "careNotes",
      "body",
      "groupId",
      "slotId",
      "childId",
      "ids",
      "all",
      "stress",
      "capacity",
      "note",
      "mapQuery",
      "__proto__",
    ),
    value,
    { maxKeys: 8 },
  ),
  fc.integer({ min: 50, max: 3000 }).map((depth) => {
    let v: unknown = "deep";
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  }),
);
const shortStr = fc.oneof(
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.constantFrom(...NASTY.filter((n) => n.length < 500)),
  fc.uuid(),
);
const query = fc.dictionary(
  fc.constantFrom(
    "limit",
    "before",
    "after",
    "from",
    "to",
    "unread",
    "stationId",
    "childId",
    "serviceType",
    "x",
  ),
  shortStr,
  { maxKeys: 3 },
);
const pathParam = fc.oneof(fc.uuid(), fc.constantFrom(...NASTY.slice(0, 16), "", "1", "null"));

/** Percent-encode every UTF-16 code unit's low byte pattern safely, lone surrogates included. */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s) || "x";
  } catch {
    return [...s].map((ch) => `%${(ch.charCodeAt(0) & 0xff).toString(16).padStart(2, "0")}`).join("") || "x";
  }
}

function fillPath(spec: RouteSpec, param: string): string {
  return spec.path.replace(/:([A-Za-z]+)/g, () => encodeSegment(param));
}

const routes = Object.entries(ROUTES) as [string, RouteSpec][];
/** Routes whose success ends the caller's access token (any authenticated call succeeds). */
const ENDS_CALLER_SESSION = new Set(["logoutEverywhere"]);

describe("every HTTP route survives hostile input", () => {
  for (const [name, spec] of routes) {
    it(`${spec.method.toUpperCase()} ${spec.path} (${name}): never 5xx, error shape, no change when refused`, async () => {
      const callers = [undefined, caregiver, admin];
      await fc.assert(
        fc.asyncProperty(body, query, pathParam, fc.constantFrom(0, 1, 2), async (b, q, p, who) => {
          const caller = callers[who];
          const before = await databaseFingerprint(srv.cc.deps.db);
          let req = srv.http[spec.method](fillPath(spec, p)).query(q);
          if (caller) req = req.set("Authorization", caller.auth);
          const res =
            spec.method === "get" || spec.method === "delete"
              ? await req
              : await req.set("Content-Type", "application/json").send(JSON.stringify(b));
          expect(res.status, `${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
          // Signing out everywhere ends the caller's tokens by design: sign in again for the next call.
          if (caller && res.status < 300 && ENDS_CALLER_SESSION.has(name))
            Object.assign(caller, await login(srv, caller.email, caller.password));
          if (res.status >= 400) {
            expect(ERROR_CODES).toContain(res.body?.error?.code);
            expect(res.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT |INSERT /);
            expect(await databaseFingerprint(srv.cc.deps.db), "a refused call changed the database").toBe(
              before,
            );
          }
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 12), endOnFailure: true },
      );
    });
  }
});

describe("accepted text is stored and returned byte-for-byte", () => {
  const safe = fc
    .string({ minLength: 1, maxLength: 300, unit: "binary" })
    .filter(
      (s) =>
        !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s) &&
        s.trim().length > 0,
    );
  it("care notes", async () => {
    await fc.assert(
      fc.asyncProperty(safe, async (text) => {
        const res = await srv.http
          .patch(`/api/children/${childId}`)
          .set("Authorization", caregiver.auth)
          .send({ careNotes: { other: text } });
        expect(res.status).toBe(200);
        const read = await srv.http.get(`/api/children/${childId}`).set("Authorization", caregiver.auth);
        expect(read.body.careNotes.other).toBe(text);
      }),
      { numRuns: 40 },
    );
  });
});
