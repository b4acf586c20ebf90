/**
 * Load generator process for Socket.IO: opens many authenticated sockets, and for the chat
 * fan-out sends `message:send` from its senders at an open-loop rate while every socket records
 * the end-to-end latency of each `message:new` it receives. Driven by the parent over IPC.
 */
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { serveCommands } from "../lib/processes.js";
import { Histogram, nowMs, type SerializedHistogram } from "../lib/stats.js";

/** One account this worker connects as. */
export interface Member {
  userId: string;
  token: string;
  sender: boolean;
}

/** Connect these members, `concurrency` handshakes at a time. */
export interface ConnectRequest {
  url: string;
  members: Member[];
  /** Handshakes in flight at once. */
  concurrency: number;
}

/** How connecting went: counts, first errors, wall time and handshake latencies. */
export interface ConnectResult {
  connected: number;
  failed: number;
  errors: string[];
  elapsedMs: number;
  handshake: SerializedHistogram;
}

/** One offered rate: how fast each sender of this worker sends, for how long. */
export interface StepRequest {
  stepId: number;
  groupId: string;
  /** Messages per second for each sender of this worker. */
  ratePerSender: number;
  durationMs: number;
  /** The step ends once no message arrived for this long (or `drainMaxMs` passed). */
  drainIdleMs: number;
  drainMaxMs: number;
}

/** What this worker sent, had acknowledged and received during one step. */
export interface StepResult {
  sent: number;
  acked: number;
  failed: number;
  errorCodes: Record<string, number>;
  delivered: number;
  ack: SerializedHistogram;
  endToEnd: SerializedHistogram;
  /** How far behind its schedule the generator fell at worst (ms): a saturated generator. */
  maxScheduleLagMs: number;
  sendSeconds: number;
}

interface Step {
  id: number;
  delivered: number;
  endToEnd: Histogram;
  lastDeliveryAt: number;
}

const sockets: { socket: Socket; member: Member }[] = [];
let current: Step | undefined;

function onMessage(m: { body?: string | null }): void {
  const body = m.body;
  if (!body?.startsWith("b|")) return;
  const [, stepId, sentAt] = body.split("|");
  const step = current;
  if (!step || Number(stepId) !== step.id) return;
  const now = nowMs();
  step.delivered += 1;
  step.endToEnd.record(now - Number(sentAt));
  step.lastDeliveryAt = now;
}

function connectOne(url: string, member: Member, handshake: Histogram): Promise<void> {
  const started = nowMs();
  const socket = io(url, {
    transports: ["websocket"],
    auth: { token: member.token },
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => {
      handshake.record(nowMs() - started);
      socket.on("message:new", onMessage);
      sockets.push({ socket, member });
      resolve();
    });
    socket.once("connect_error", (err: Error & { data?: { code?: string } }) => {
      socket.close();
      reject(new Error(err.data?.code ?? err.message));
    });
  });
}

async function connect(req: ConnectRequest): Promise<ConnectResult> {
  const handshake = new Histogram();
  const errors: string[] = [];
  let connected = 0;
  let failed = 0;
  let next = 0;
  const started = nowMs();
  const lane = async () => {
    while (next < req.members.length) {
      const member = req.members[next++]!;
      try {
        await connectOne(req.url, member, handshake);
        connected += 1;
      } catch (err) {
        failed += 1;
        if (errors.length < 5) errors.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(req.concurrency, req.members.length) }, lane));
  return { connected, failed, errors, elapsedMs: nowMs() - started, handshake: handshake.toJSON() };
}

async function step(req: StepRequest): Promise<StepResult> {
  const senders = sockets.filter((s) => s.member.sender).map((s) => s.socket);
  const state: Step = { id: req.stepId, delivered: 0, endToEnd: new Histogram(), lastDeliveryAt: nowMs() };
  current = state;
  const ack = new Histogram();
  const errorCodes: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let maxLag = 0;
  const total = Math.round((senders.length * req.ratePerSender * req.durationMs) / 1000);
  const interval = senders.length > 0 ? 1000 / (senders.length * req.ratePerSender) : 0;
  const t0 = nowMs() + 20;
  let outstanding = 0;
  let resolveAcks: () => void = () => {};
  const allAcked = new Promise<void>((r) => {
    resolveAcks = r;
  });

  const sendOne = (socket: Socket) => {
    const sentAt = nowMs();
    sent += 1;
    outstanding += 1;
    const body = `b|${req.stepId}|${sentAt.toFixed(3)}|bench message from a caregiver`;
    socket
      .timeout(30_000)
      .emit(
        "message:send",
        { groupId: req.groupId, clientId: randomUUID(), body },
        (err: Error | null, res?: { ok: boolean; error?: { code: string } }) => {
          outstanding -= 1;
          if (!err && res?.ok) {
            acked += 1;
            ack.record(nowMs() - sentAt);
          } else {
            failed += 1;
            const code = err ? "ACK_TIMEOUT" : (res?.error?.code ?? "UNKNOWN");
            errorCodes[code] = (errorCodes[code] ?? 0) + 1;
          }
          if (outstanding === 0 && sent >= total) resolveAcks();
        },
      );
  };

  await new Promise<void>((done) => {
    let i = 0;
    const tick = () => {
      const now = nowMs();
      while (i < total && t0 + i * interval <= now) {
        maxLag = Math.max(maxLag, now - (t0 + i * interval));
        sendOne(senders[i % senders.length]!);
        i += 1;
      }
      if (i >= total) return done();
      setTimeout(tick, Math.max(0, t0 + i * interval - nowMs()));
    };
    setTimeout(tick, 20);
  });
  const sendSeconds = (nowMs() - t0) / 1000;
  if (outstanding === 0) resolveAcks();
  await Promise.race([allAcked, new Promise((r) => setTimeout(r, req.drainMaxMs))]);
  const drainStart = nowMs();
  while (nowMs() - state.lastDeliveryAt < req.drainIdleMs && nowMs() - drainStart < req.drainMaxMs) {
    await new Promise((r) => setTimeout(r, 50));
  }
  current = undefined;
  return {
    sent,
    acked,
    failed,
    errorCodes,
    delivered: state.delivered,
    ack: ack.toJSON(),
    endToEnd: state.endToEnd.toJSON(),
    maxScheduleLagMs: maxLag,
    sendSeconds,
  };
}

async function disconnect(): Promise<number> {
  const n = sockets.length;
  for (const { socket } of sockets.splice(0)) socket.close();
  return n;
}

serveCommands({
  connect: (req: ConnectRequest) => connect(req),
  step: (req: StepRequest) => step(req),
  count: () => sockets.filter((s) => s.socket.connected).length,
  disconnect: () => disconnect(),
});
