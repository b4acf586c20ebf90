/**
 * Every client -> server socket event survives hostile payloads: random values of every type,
 * huge strings, deep nesting, `__proto__` keys, NUL bytes, lone surrogates, SQL and HTML, extra
 * arguments, missing acks. Never a crash or an INTERNAL error, an error ack (or an `error` event
 * when there is no ack callback) for every refusal, the connection stays up, a refused call changes
 * nothing in the database, and accepted message text is stored and returned byte-for-byte.
 */
import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import {
  type Ack,
  type ApiError,
  AuthRefreshSchema,
  type ClientToServerEvents,
  ERROR_CODES,
  GroupReadSchema,
  GroupRefSchema,
  type Message,
  MessageEditSchema,
  MessageRefSchema,
  MessageSendSchema,
  ReactSchema,
  SyncSchema,
  TypingSchema,
} from "@carecircle/shared";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  buildStaff,
  type ClientSocket,
  connectSocket,
  emitAck,
  emitAckRaw,
  emitRaw,
  joinGroup,
  nextEvent,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/** What the server validates each event's payload with (the shared schemas). */
interface PayloadSchema {
  safeParse(value: unknown): { success: boolean };
}

/**
 * Every event of `ClientToServerEvents` with its payload schema. `satisfies` makes this list
 * exhaustive at compile time: an event added to the shared map and not fuzzed here (or one fuzzed
 * here that no longer exists) fails the type check; the first test checks the server registers
 * exactly these events.
 */
const EVENT_SCHEMAS = {
  "auth:refresh": AuthRefreshSchema,
  "message:send": MessageSendSchema,
  "message:edit": MessageEditSchema,
  "message:delete": MessageRefSchema,
  "message:react": ReactSchema,
  "group:sync": SyncSchema,
  "group:subscribe": GroupRefSchema,
  "group:presence": GroupRefSchema,
  "group:read": GroupReadSchema,
  typing: TypingSchema,
} satisfies Record<keyof ClientToServerEvents, PayloadSchema>;
type EventName = keyof typeof EVENT_SCHEMAS;
const EVENTS = Object.keys(EVENT_SCHEMAS) as EventName[];

const srv = useTestServer(
  { chatSendLimit: 1_000_000, socketEventLimitScale: 1_000_000 },
  { captureLogs: true },
);
/** Callers: two members, a caregiver outside the group, the group's moderator, station staff. */
let callers: { account: Account; socket: ClientSocket }[];
let ids: Record<"group" | "other" | "aMsg" | "bMsg", string>;
/** Each caller's latest accepted message (what `$mine` stands for). */
const latestOwn = new Map<number, string>();

beforeAll(async () => {
  const { group, moderator } = await buildGroup(srv);
  const { group: other } = await buildGroup(srv);
  const a = await buildCaregiver(srv);
  const b = await buildCaregiver(srv);
  const outsider = await buildCaregiver(srv);
  const staff = await buildStaff(srv, "station_staff");
  await joinGroup(srv, a, group.id);
  await joinGroup(srv, b, group.id);
  const accounts = [a, b, outsider, moderator, staff];
  callers = await Promise.all(
    accounts.map(async (account) => ({ account, socket: await connectSocket(srv, account.token) })),
  );
  ids = { group: group.id, other: other.id, aMsg: "", bMsg: "" };
  await freshMessages();
});

const NASTY = [
  "__proto__",
  "constructor",
  "prototype",
  "' OR '1'='1",
  "'; DROP TABLE messages; --",
  "1; SELECT pg_sleep(10)",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "%00",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, on purpose
  "${jndi:ldap://x}",
  "NaN",
  "-1",
  "1e309",
  "   ",
  "9".repeat(400),
  "x".repeat(5000),
  "😀".repeat(3000),
  "\u202e\u200b",
  "00000000-0000-0000-0000-000000000000",
];
/** Placeholders resolved at call time to real ids (so some calls get deep into the services). */
const REFS = ["$group", "$other", "$mine", "$aMsg", "$bMsg"];

const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype"));
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60, unit: "binary" }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ minLength: 1990, maxLength: 2100, unit: "grapheme" }) },
);
const id = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REFS) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.integer() },
);
const intish = fc.oneof(
  fc.integer({ min: -2, max: 50 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    "1",
    "",
    null,
    true,
    [1],
  ),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...REFS),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  ),
}));
/** A field: mostly a value that passes validation (so calls reach the services), sometimes hostile. */
const field = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown> = value) =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
const groupRef = field(fc.constantFrom("$group", "$group", "$other"), id);
const messageRef = field(fc.constantFrom("$mine", "$aMsg", "$bMsg"), id);
const body = field(
  fc.oneof(
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.constantFrom("今天还好吗？", "<b>bold</b> & 'quotes'", "'; DROP TABLE messages; --", ...NASTY),
  ),
  hostileText,
);
const emoji = field(
  fc.constantFrom("👍", "❤️", "😀", "👨‍👩‍👧", "🇨🇳", "1️⃣", "👍🏽"),
  fc.oneof(fc.constantFrom("👍👍", "a", "", "\u200d", "❤ x"), hostileText),
);
const count = (max: number) => field(fc.integer({ min: 0, max }), intish);

/** Plausible payloads of each event: the right keys, mostly good values, sometimes hostile ones. */
const shaped: Record<EventName, fc.Arbitrary<Record<string, unknown>>> = {
  "auth:refresh": fc.record({ token: field(fc.constantFrom("$token", "$otherToken"), hostileText) }),
  "message:send": fc.record(
    {
      groupId: groupRef,
      clientId: field(fc.uuid(), hostileText),
      body,
      replyToSeq: field(fc.integer({ min: 1, max: 3 }), intish),
    },
    { requiredKeys: ["groupId", "clientId", "body"] },
  ),
  "message:edit": fc.record({ messageId: messageRef, body }),
  "message:delete": fc.record({ messageId: messageRef }),
  "message:react": fc.record({ messageId: messageRef, emoji }),
  "group:sync": fc.record(
    { groupId: groupRef, sinceChangeSeq: count(50), limit: field(fc.integer({ min: 1, max: 500 }), intish) },
    { requiredKeys: ["groupId", "sinceChangeSeq"] },
  ),
  "group:subscribe": fc.record({ groupId: groupRef }),
  "group:presence": fc.record({ groupId: groupRef }),
  "group:read": fc.record({ groupId: groupRef, seq: count(50) }),
  typing: fc.record({ groupId: groupRef, isTyping: field(fc.boolean()) }, { requiredKeys: ["groupId"] }),
};

/** Any payload: anything at all, a plausible object (sometimes with an extra key), or deep nesting. */
function payloadFor(event: EventName): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: value },
    {
      weight: 8,
      arbitrary: fc
        .tuple(shaped[event], fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, fc.tuple(key, value)))
        .map(([p, extra]) => (extra ? { ...p, [extra[0]]: extra[1] } : p)),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 50, max: 3000 }).map((depth) => {
        let v: unknown = "$group";
        for (let i = 0; i < depth; i++) v = { groupId: v };
        return v;
      }),
    },
  );
}

/** Replace the `$...` placeholders with the real ids (for `caller`), everywhere in the payload. */
function resolve(v: unknown, caller: number): unknown {
  if (typeof v === "string") {
    if (v === "$group") return ids.group;
    if (v === "$other") return ids.other;
    if (v === "$aMsg") return ids.aMsg;
    if (v === "$bMsg") return ids.bMsg;
    if (v === "$mine") return latestOwn.get(caller) ?? ids.aMsg;
    if (v === "$token") return callers[caller]!.account.token;
    if (v === "$otherToken") return callers[(caller + 1) % callers.length]!.account.token;
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => resolve(x, caller));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, { value: resolve(x, caller), enumerable: true });
    return out;
  }
  return v;
}

/** New messages of both members (earlier runs may have deleted theirs), so refs point at live ones. */
async function freshMessages() {
  ids.aMsg = (await sendOk(callers[0]!.socket, ids.group, "新的一条")).id;
  ids.bMsg = (await sendOk(callers[1]!.socket, ids.group, "又一条")).id;
  latestOwn.set(0, ids.aMsg);
  latestOwn.set(1, ids.bMsg);
}

/** Socket.IO's buffer limit is 64 KB: bigger packets close the connection (tested separately). */
const underBufferLimit = (p: unknown) => Buffer.byteLength(JSON.stringify(p) ?? "") < 60_000;

function expectApiError(error: ApiError | undefined) {
  expect(ERROR_CODES).toContain(error?.code);
  expect(error?.code, error?.message).not.toBe("INTERNAL");
  expect(typeof error?.message).toBe("string");
  expect(JSON.stringify(error)).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT |INSERT /);
}

/** The message row as stored. */
async function storedBody(messageId: string): Promise<string | null | undefined> {
  const [row] = await sqlRows<{ body: string | null }>(
    srv,
    sql`SELECT body FROM messages WHERE id = ${messageId}::uuid`,
  );
  return row?.body;
}

/** Wait until the database stops changing (two equal fingerprints 50 ms apart). */
async function settle() {
  let last: string | undefined;
  await until(
    async () => {
      const now = await databaseFingerprint(srv.cc.deps.db);
      const same = now === last;
      last = now;
      return same;
    },
    { timeoutMs: 2_000, everyMs: 50, what: "the database to stop changing after an accepted call" },
  );
}

/** One call in one of three shapes: with an ack, without (errors come as `error`), with extra args. */
type Mode = "ack" | "no-ack" | "extra-args";

async function call(event: EventName, caller: number, payload: unknown, mode: Mode, extra: unknown[]) {
  const { socket } = callers[caller]!;
  const db = srv.cc.deps.db;
  const before = await databaseFingerprint(db);
  const valid = EVENT_SCHEMAS[event].safeParse(payload).success;

  if (mode === "no-ack") {
    // Without an ack there is no telling when an accepted call is done, so only refusals go this way.
    if (valid) return;
    const refused = nextEvent(socket, "error");
    emitRaw(socket, event, payload);
    expectApiError(await refused);
    expect(await databaseFingerprint(db), "a refused call changed the database").toBe(before);
    return;
  }

  const args = [payload, ...(mode === "extra-args" ? extra : [])];
  const ack = (await emitAckRaw(socket, event, args, 10_000)) as Ack<Record<string, unknown>>;
  expect(typeof ack.ok).toBe("boolean");
  if (!valid) expect(ack.ok, `${event} accepted a payload its schema refuses`).toBe(false);
  if (!ack.ok) {
    expectApiError(ack.error);
    expect(await databaseFingerprint(db), "a refused call changed the database").toBe(before);
    return;
  }
  // An accepted send may notify (mention, reply) after its ack, by design: let that land before the
  // next call takes its "before" fingerprint.
  await settle();
  const p = payload as { body?: string };
  if (event === "message:send" || event === "message:edit") {
    const message = ack.message as Message;
    expect(message.body).toBe(p.body);
    expect(await storedBody(message.id)).toBe(p.body);
    if (event === "message:send") latestOwn.set(caller, message.id);
  }
}

describe("every client event survives hostile payloads", () => {
  it("the server handles exactly the events of ClientToServerEvents", async () => {
    const { socket } = callers[0]!;
    const serverSide = srv.cc.io.of("/").sockets.get(socket.id!)!;
    const internal = new Set(["disconnecting", "disconnect", "error"]);
    const handled = serverSide
      .eventNames()
      .map(String)
      .filter((e) => !internal.has(e));
    expect(handled.sort()).toEqual([...EVENTS].sort());
  });

  for (const event of EVENTS) {
    it(`${event}: an error ack or error event for every refusal, no crash, no change when refused`, async () => {
      await freshMessages();
      await fc.assert(
        fc.asyncProperty(
          payloadFor(event).filter(underBufferLimit),
          fc.constantFrom(0, 0, 1, 1, 2, 3, 4),
          fc.constantFrom<Mode>("ack", "ack", "no-ack", "extra-args"),
          fc.array(value, { minLength: 1, maxLength: 2 }),
          async (generated, caller, mode, extra) => {
            await call(event, caller, resolve(generated, caller), mode, extra);
            for (const c of callers) expect(c.socket.connected, "a connection was dropped").toBe(true);
          },
        ),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 50), endOnFailure: true },
      );
      // Still fully working afterwards.
      const ack = await emitAck(callers[0]!.socket, "group:presence", { groupId: ids.group });
      expect(ack.ok).toBe(true);
    });
  }

  it("a call with no payload at all, or only an ack, is refused with VALIDATION_FAILED", async () => {
    const { socket } = callers[0]!;
    for (const event of EVENTS) {
      const before = await databaseFingerprint(srv.cc.deps.db);
      const ack = (await emitAckRaw(socket, event, [])) as Ack;
      expect(ack.ok, event).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe("VALIDATION_FAILED");
      const refused = nextEvent(socket, "error");
      emitRaw(socket, event);
      expect((await refused).code).toBe("VALIDATION_FAILED");
      expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);
    }
    expect(socket.connected).toBe(true);
  });

  it("unknown and look-alike event names are ignored: no crash, no change, the connection stays", async () => {
    const { socket } = callers[1]!;
    const before = await databaseFingerprint(srv.cc.deps.db);
    for (const name of [
      "nope",
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "error",
      "message:send ",
      "MESSAGE:SEND",
      "message:send\u0000",
      "x".repeat(10_000),
    ]) {
      emitRaw(socket, name, { groupId: ids.group, clientId: randomUUID(), body: "hi" });
    }
    const ack = await emitAck(socket, "group:presence", { groupId: ids.group });
    expect(ack.ok).toBe(true);
    expect(socket.connected).toBe(true);
    expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);
  });

  it("a payload over the 64 KB buffer closes only that connection; the server and others carry on", async () => {
    const victim = await connectSocket(srv, callers[0]!.account.token);
    const before = await databaseFingerprint(srv.cc.deps.db);
    const closed = new Promise<string>((resolve) => victim.once("disconnect", (reason) => resolve(reason)));
    victim.emit("message:send", { groupId: ids.group, clientId: randomUUID(), body: "x".repeat(70_000) });
    expect(await closed).toMatch(/transport close|transport error/);
    expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);
    for (const c of callers) expect(c.socket.connected).toBe(true);
    const again = await connectSocket(srv, callers[0]!.account.token);
    expect((await emitAck(again, "group:presence", { groupId: ids.group })).ok).toBe(true);
    again.close();
  });

  it("never logged an unexpected server error", () => {
    const failures = srv.logs.filter((l) => /"level":(50|60)/.test(l));
    expect(failures).toEqual([]);
  });
});

describe("accepted message text is stored and returned byte-for-byte", () => {
  const safe = fc
    .string({ minLength: 1, maxLength: 300, unit: "binary" })
    .filter(
      (s) =>
        !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s) &&
        s.trim().length > 0,
    );
  const text = fc.oneof(
    safe,
    fc.constantFrom(
      "<script>alert(1)</script>",
      "'; DROP TABLE messages; --",
      "  leading and trailing spaces  ",
      "line\r\nbreaks\ttabs",
      "👨‍👩‍👧 family 🇨🇳",
      "\u202eRTL override",
      "e\u0301 (combining) vs é",
      "﷽",
    ),
  );

  it("message:send and message:edit, read back over the ack, the HTTP history and another member's socket", async () => {
    const [a, b] = [callers[0]!, callers[1]!];
    await fc.assert(
      fc.asyncProperty(text, text, async (sent, edited) => {
        const delivered = nextEvent(b.socket, "message:new", (m) => m.body === sent);
        const message = await sendOk(a.socket, ids.group, sent);
        expect(message.body).toBe(sent);
        expect((await delivered).body).toBe(sent);
        const page = await srv.http
          .get(`/api/groups/${ids.group}/messages`)
          .query({ before: message.seq + 1, limit: 1 })
          .set("Authorization", b.account.auth);
        expect(page.body.messages[0].body).toBe(sent);

        const edit = await emitAck(a.socket, "message:edit", {
          messageId: message.id,
          body: edited,
        });
        expect(edit.ok && edit.message.body).toBe(edited);
        expect(await storedBody(message.id)).toBe(edited);
      }),
      { numRuns: 40 },
    );
  });
});
