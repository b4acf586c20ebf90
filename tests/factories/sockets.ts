import type { ApiError, ClientToServerEvents, ServerToClientEvents } from "@carecircle/shared";
import { io, type Socket } from "socket.io-client";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const open = new Set<ClientSocket>();

/** Connect a real socket.io-client with `token`; resolves once connected, rejects with the server's error. */
export function connectSocket(
  srv: TestServer,
  token: string | undefined,
  opts: { reconnection?: boolean } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(srv.url, {
    auth: token === undefined ? {} : { token },
    transports: ["websocket"],
    reconnection: opts.reconnection ?? false,
    forceNew: true,
  });
  open.add(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err: Error & { data?: ApiError }) => {
      socket.close();
      open.delete(socket);
      reject(Object.assign(new Error(err.message), { data: err.data }));
    });
  });
}

/** Close every socket opened by this file (call in afterAll/afterEach). */
export function closeAllSockets(): void {
  for (const s of open) s.close();
  open.clear();
}

/** Every event name a client sends, and every one the server sends. */
export type ClientEvent = keyof ClientToServerEvents;
export type ServerEvent = keyof ServerToClientEvents;
/** The payload a client sends with `E` (its schema's input: defaulted fields may be left out). */
export type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
/** What the server answers `E` with (its ack). */
export type AckOf<E extends ClientEvent> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends (res: infer R) => void ? R : never;
/** What the server sends with `E`. */
export type EventOf<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** Emit `event` with its payload and await the server's ack (both typed by the event name). */
export function emitAck<E extends ClientEvent>(
  socket: ClientSocket,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs = 5000,
): Promise<AckOf<E>> {
  return emitAckRaw(socket, event, [payload], timeoutMs) as Promise<AckOf<E>>;
}

/** `emitAck` for a call that must succeed: expects an `ok` ack and answers it narrowed. */
export async function emitAckOk<E extends ClientEvent>(
  socket: ClientSocket,
  event: E,
  payload: PayloadOf<E>,
): Promise<Extract<AckOf<E>, { ok: true }>> {
  const ack = await emitAck(socket, event, payload);
  expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  return ack as Extract<AckOf<E>, { ok: true }>;
}

/**
 * Emit anything with an ack, untyped on purpose: for fuzz and hostile-input tests that must send
 * unknown events and wrong payloads. Everything else uses `emitAck`.
 */
export function emitAckRaw(
  socket: ClientSocket,
  event: string,
  args: readonly unknown[],
  timeoutMs = 5000,
): Promise<unknown> {
  return (
    socket as unknown as {
      timeout(ms: number): { emitWithAck(ev: string, ...a: unknown[]): Promise<unknown> };
    }
  )
    .timeout(timeoutMs)
    .emitWithAck(event, ...args);
}

/** Emit anything without an ack, untyped on purpose (see `emitAckRaw`). */
export function emitRaw(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as { emit(ev: string, ...a: unknown[]): void }).emit(event, ...args);
}

/**
 * Resolve once every event the server sent `socket` before this call has arrived: one acked round
 * trip on the same ordered connection (an empty `group:presence`, refused by validation before it
 * touches anything or counts against a limit). The positive signal a test waits for before asserting
 * that something was NOT delivered.
 */
export async function roundTrip(socket: ClientSocket): Promise<void> {
  await emitAckRaw(socket, "group:presence", [{}]);
}

/** Drop the transport as a flaky mobile network would, and wait until the server has noticed. */
export async function dropConnection(srv: TestServer, socket: ClientSocket): Promise<void> {
  const id = socket.id;
  (socket.io.engine as unknown as { close(): void }).close();
  await until(() => id === undefined || !srv.cc.io.of("/").sockets.has(id), {
    what: "the server to notice the dropped connection",
  });
}

type Listener = {
  on(ev: string, fn: (p: never) => void): void;
  off(ev: string, fn: (p: never) => void): void;
};

/** Resolve with the next `event` received on `socket` (optionally matching `predicate`). */
export function nextEvent<E extends ServerEvent>(
  socket: ClientSocket,
  event: E,
  predicate: (payload: EventOf<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<EventOf<E>> {
  const s = socket as unknown as Listener;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (p: EventOf<E>) => {
      if (!predicate(p)) return;
      clearTimeout(timer);
      s.off(event, handler);
      resolve(p);
    };
    s.on(event, handler);
  });
}

/** Collect every `event` payload on `socket` into an array (live). */
export function collect<E extends ServerEvent>(socket: ClientSocket, event: E): EventOf<E>[] {
  const out: EventOf<E>[] = [];
  (socket as unknown as Listener).on(event, (p: EventOf<E>) => out.push(p));
  return out;
}

/** What a resuming client sees: every event packet on the wire (even before CONNECT), and how it ended. */
export interface ResumeAttempt {
  socket: ClientSocket;
  events: { name: string; payload: unknown }[];
  outcome: Promise<{ connected: boolean; code?: string }>;
}

/**
 * Resume the connection-state recovery session `pid` at `offset` presenting `token`, as a client
 * (or an attacker who stole the session id) would; records the raw event packets it is sent.
 */
export function resumeSession(url: string, token: string, pid: string, offset: string): ResumeAttempt {
  const socket: ClientSocket = io(url, {
    auth: { token, pid, offset },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  open.add(socket);
  const events: ResumeAttempt["events"] = [];
  (
    socket.io as unknown as { on(ev: "packet", fn: (p: { type: number; data?: unknown[] }) => void): void }
  ).on("packet", (p) => {
    if (p.type === 2 && Array.isArray(p.data)) events.push({ name: String(p.data[0]), payload: p.data[1] });
  });
  const outcome = new Promise<{ connected: boolean; code?: string }>((resolve) => {
    socket.once("connect", () => resolve({ connected: true }));
    socket.once("connect_error", (err: Error & { data?: ApiError }) =>
      resolve({ connected: false, ...(err.data?.code ? { code: err.data.code } : {}) }),
    );
  });
  return { socket, events, outcome };
}

/** A connected client's recovery session id and last offset (what a resuming client sends). */
export function sessionOf(socket: ClientSocket): { pid: string; offset: string } {
  const state = socket as unknown as { _pid?: string; _lastOffset?: string };
  if (!state._pid || !state._lastOffset) throw new Error("no recovery session yet (no event received?)");
  return { pid: state._pid, offset: state._lastOffset };
}
