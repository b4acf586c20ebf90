/**
 * Crash safety: the server PROCESS is killed with SIGKILL (no shutdown code runs) while families
 * chat and book; after a restart on the same data (embedded data dir, or the same PostgreSQL
 * database) everything that was acknowledged is there, resent messages create no duplicates, and
 * the database is consistent. Three crash rounds, each at a random moment of the traffic.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DbHandle, openDatabase, queryRows, sql } from "@carecircle/server";
import type { Ack, Booking, Message, SendResult } from "@carecircle/shared";
import { afterAll, expect, it } from "vitest";
import { type ChildServer, spawnServer } from "../setup/child-server.js";
import {
  ADMIN_ENV,
  api,
  apiOk,
  buildWorld,
  closeRemoteSockets,
  connectRemote,
  createSlots,
  type RemoteSocket,
  type World,
} from "../setup/child-world.js";
import { freshDatabase, onRealPostgres } from "../setup/database.js";
import { pause, until } from "../setup/until.js";

const FAMILIES = 8;
const ROUNDS = 3;
const SLOTS_PER_ROUND = 10;
const SLOT_CAPACITY = 3;

const tmp = mkdtempSync(path.join(tmpdir(), "cc-crash-"));
afterAll(() => {
  closeRemoteSockets();
  rmSync(tmp, { recursive: true, force: true });
});

/** Everything the clients attempted, and what the server acknowledged. */
interface SentMessage {
  family: number;
  body: string;
  /** The stored message the ack answered (set on `ok: true`). */
  acked?: Message;
}
interface BookingAttempt {
  family: number;
  slotId: string;
  waitlist: boolean;
  /** HTTP 201: the booking the server answered. */
  acked?: Booking;
  /** A refusal with an answer (full, already booked): nothing to recover. */
  refused?: string;
}

const messages = new Map<string, SentMessage>();
const bookings: BookingAttempt[] = [];
const ackedMessages = () => [...messages.values()].filter((m) => m.acked).length;

function sendOnce(socket: RemoteSocket, groupId: string, clientId: string, body: string) {
  return socket.timeout(3000).emitWithAck("message:send", { groupId, clientId, body }) as Promise<
    Ack<SendResult>
  >;
}

/** Each family chats on its socket and books the round's slots over HTTP until the server dies. */
function startTraffic(
  srv: ChildServer,
  world: World,
  sockets: RemoteSocket[],
  slots: string[],
  round: number,
) {
  const stats = { bookingAttempts: 0, unexpected: [] as string[] };
  const chat = world.families.map(async (_f, i) => {
    const socket = sockets[i]!;
    for (let n = 0; socket.connected; n++) {
      const clientId = randomUUID();
      const body = `第${round}轮 家庭${i} 消息${n} <b>&amp;</b> 'quoted' ✓`;
      messages.set(clientId, { family: i, body });
      try {
        const ack = await sendOnce(socket, world.groupId, clientId, body);
        if (ack.ok) messages.get(clientId)!.acked = ack.message;
        else stats.unexpected.push(`send refused: ${ack.error.code}`);
      } catch {
        return; // no ack: the server died with this message in flight
      }
    }
  });
  const booking = world.families.map(async (f, i) => {
    const order = [...slots].sort(() => Math.random() - 0.5);
    for (const slotId of order) {
      const attempt: BookingAttempt = { family: i, slotId, waitlist: Math.random() < 0.5 };
      bookings.push(attempt);
      stats.bookingAttempts++;
      try {
        const res = await api(srv, "POST", "/api/bookings", f.token, {
          slotId,
          childId: f.childId,
          waitlist: attempt.waitlist,
        });
        if (res.status === 201) attempt.acked = res.body.booking as Booking;
        else if (res.status === 409) attempt.refused = res.body.error.code as string;
        else stats.unexpected.push(`booking answered ${res.status}`);
      } catch {
        return; // no answer: the server died with this request in flight
      }
    }
  });
  return { stats, done: Promise.all([...chat, ...booking]) };
}

/** Every message of the group over HTTP, oldest first. */
async function history(srv: ChildServer, token: string, groupId: string): Promise<Message[]> {
  const out: Message[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await apiOk(
      srv,
      "GET",
      `/api/groups/${groupId}/messages?limit=100${before === undefined ? "" : `&before=${before}`}`,
      token,
      undefined,
      200,
    );
    out.unshift(...(page.messages as Message[]));
    if (!page.hasMore || page.messages.length === 0) return out;
    before = page.messages[0].seq as number;
  }
}

/** Every acknowledged message is stored exactly once, as acknowledged; nothing unknown appeared. */
function checkHistory(rows: Message[]) {
  const byClientId = new Map<string, Message[]>();
  for (const m of rows) byClientId.set(m.clientId, [...(byClientId.get(m.clientId) ?? []), m]);
  for (const [clientId, list] of byClientId) {
    expect(messages.has(clientId), `a message nobody sent: ${clientId}`).toBe(true);
    expect(list, `duplicates of ${clientId}`).toHaveLength(1);
  }
  for (const [clientId, sent] of messages) {
    if (!sent.acked) continue;
    const stored = byClientId.get(clientId)?.[0];
    expect(stored, `acknowledged message ${clientId} lost`).toBeDefined();
    expect({ id: stored!.id, seq: stored!.seq, body: stored!.body }).toEqual({
      id: sent.acked.id,
      seq: sent.acked.seq,
      body: sent.body,
    });
  }
  return byClientId;
}

async function verifyAfterRestart(srv: ChildServer, world: World, sockets: RemoteSocket[]) {
  // Acknowledged messages survived, once each.
  const before = checkHistory(await history(srv, world.moderatorToken, world.groupId));

  // Clients resend what was never acknowledged with the same clientId: stored once, and a message
  // that had been committed just before the crash is answered, not stored again.
  const pending = [...messages].filter(([, m]) => !m.acked);
  for (const [clientId, m] of pending) {
    const ack = await sendOnce(sockets[m.family]!, world.groupId, clientId, m.body);
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    if (!ack.ok) continue;
    const earlier = before.get(clientId)?.[0];
    if (earlier) expect(ack.message.id).toBe(earlier.id);
    expect(ack.message.body).toBe(m.body);
    m.acked = ack.message;
  }
  // Resending acknowledged messages answers the original too.
  for (const [clientId, m] of [...messages].filter(([, x]) => x.acked).slice(-5)) {
    const ack = await sendOnce(sockets[m.family]!, world.groupId, clientId, m.body);
    expect(ack.ok && ack.message.id).toBe(m.acked!.id);
  }
  const after = checkHistory(await history(srv, world.moderatorToken, world.groupId));
  expect(after.size).toBe(messages.size);

  // Acknowledged bookings survived unchanged.
  for (const b of bookings.filter((x) => x.acked)) {
    const res = await apiOk(
      srv,
      "GET",
      `/api/bookings/${b.acked!.id}`,
      world.families[b.family]!.token,
      undefined,
      200,
    );
    expect(res.booking.status, `booking ${b.acked!.id}`).toBe(b.acked!.status);
  }
  // Retrying unanswered bookings: booked now, or refused because it had been booked (or is full).
  for (const b of bookings.filter((x) => !x.acked && !x.refused)) {
    const f = world.families[b.family]!;
    const res = await api(srv, "POST", "/api/bookings", f.token, {
      slotId: b.slotId,
      childId: f.childId,
      waitlist: b.waitlist,
    });
    expect([201, 409], JSON.stringify(res.body)).toContain(res.status);
    if (res.status === 201) b.acked = res.body.booking as Booking;
    else b.refused = res.body.error.code as string;
  }
}

/** Consistency read straight from the database once the last server stopped. */
async function checkDatabase(handle: DbHandle, world: World) {
  const dupes = await queryRows(
    handle.db,
    sql`SELECT sender_id, client_id FROM messages GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  expect(dupes).toEqual([]);
  const rows = await queryRows<{ id: string; client_id: string; seq: string | number }>(
    handle.db,
    sql`SELECT id, client_id, seq FROM messages WHERE group_id = ${world.groupId}::uuid ORDER BY seq`,
  );
  expect(rows.map((r) => r.client_id).sort()).toEqual([...messages.keys()].sort());
  // Seqs are gapless: a crash never left a counter bumped without its message (or the reverse).
  expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  const [group] = await queryRows<{ last_seq: string | number }>(
    handle.db,
    sql`SELECT last_seq FROM groups WHERE id = ${world.groupId}::uuid`,
  );
  expect(Number(group!.last_seq)).toBe(rows.length);
  const byId = new Map(rows.map((r) => [r.id, r.client_id]));
  for (const [clientId, m] of messages) expect(byId.get(m.acked!.id)).toBe(clientId);

  // Seat counters match the seat-holding bookings, never above capacity; one active booking per
  // child and slot; every acknowledged booking is there.
  const slots = await queryRows<{ capacity: number; confirmed_count: number; holding: number }>(
    handle.db,
    sql`SELECT s.capacity, s.confirmed_count,
               (SELECT count(*)::int FROM bookings b WHERE b.slot_id = s.id
                 AND b.status IN ('confirmed', 'checked_in', 'completed', 'no_show')) AS holding
        FROM slots s WHERE s.station_id = ${world.stationId}::uuid`,
  );
  expect(slots).toHaveLength(ROUNDS * SLOTS_PER_ROUND);
  for (const s of slots) {
    expect(s.confirmed_count).toBe(s.holding);
    expect(s.confirmed_count).toBeLessThanOrEqual(s.capacity);
  }
  const doubles = await queryRows(
    handle.db,
    sql`SELECT child_id, slot_id FROM bookings WHERE status IN ('confirmed', 'waitlisted', 'checked_in')
        GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  expect(doubles).toEqual([]);
  const ids = new Set(
    (await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM bookings`)).map((r) => r.id),
  );
  for (const b of bookings) if (b.acked) expect(ids.has(b.acked.id), `booking ${b.acked.id} lost`).toBe(true);
}

const serverErrors = (srv: ChildServer) => srv.logs.filter((l) => /"level":(50|60)/.test(l));

it(`SIGKILL during chat and booking traffic (${onRealPostgres() ? "PostgreSQL" : "embedded PGlite"}): ` +
  "nothing acknowledged is lost, resends create no duplicates, the database reopens consistent", async () => {
  const db = onRealPostgres() ? await freshDatabase() : undefined;
  const env = {
    DATA_DIR: tmp,
    DATABASE_URL: db?.url ?? "",
    JWT_SECRET: "crash-test-secret-crash-test-secret-0123",
    CHAT_SEND_LIMIT: "1000000",
    SOCKET_EVENT_LIMIT_SCALE: "1000000",
    SHUTDOWN_DRAIN_MS: "0",
    ...ADMIN_ENV,
  };
  let srv = await spawnServer(env);
  try {
    const world = await buildWorld(srv, FAMILIES);
    for (let round = 0; round < ROUNDS; round++) {
      const slots = await createSlots(srv, world, SLOTS_PER_ROUND, 30 + round * 24, SLOT_CAPACITY);
      const sockets = await Promise.all(world.families.map((f) => connectRemote(srv, f.token)));
      const ackedBefore = ackedMessages();
      const traffic = startTraffic(srv, world, sockets, slots, round);
      // Kill in the thick of it: messages flowing and bookings half done, at a random moment.
      await until(() => ackedMessages() - ackedBefore >= 40 && traffic.stats.bookingAttempts >= 20, {
        timeoutMs: 20_000,
        everyMs: 5,
        what: "traffic to get going",
      });
      await pause(Math.random() * 100);
      srv.kill("SIGKILL");
      expect(await srv.exited).toBe("SIGKILL");
      await traffic.done;
      for (const s of sockets) s.close();
      expect(traffic.stats.unexpected).toEqual([]);
      expect(
        bookings.some((b) => !b.acked && !b.refused) || [...messages.values()].some((m) => !m.acked),
        "the kill landed while requests were in flight",
      ).toBe(true);

      // Same data dir (a stale lock from the dead pid is taken over), or the same database.
      srv = await spawnServer(env);
      if (!db) expect(readFileSync(path.join(tmp, "server.pid"), "utf8").trim()).toBe(String(srv.proc.pid));
      expect((await api(srv, "GET", "/readyz")).status).toBe(200);
      const again = await Promise.all(world.families.map((f) => connectRemote(srv, f.token)));
      await verifyAfterRestart(srv, world, again);
      for (const s of again) s.close();
      expect(serverErrors(srv)).toEqual([]);
    }
    expect(bookings.filter((b) => b.acked).length).toBeGreaterThan(0);

    srv.kill("SIGTERM");
    expect(await srv.exited).toBe(0);
    // The embedded database opens cleanly in another process too (after three crashes).
    const handle = db ?? (await openDatabase({ pgliteDir: path.join(tmp, "db") }));
    try {
      await checkDatabase(handle, world);
    } finally {
      if (!db) await handle.close();
    }
  } finally {
    srv.proc.kill("SIGKILL");
    await db?.close();
  }
}, 240_000);
