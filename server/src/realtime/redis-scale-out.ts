import { decode, encode } from "@msgpack/msgpack";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient, type RedisClientType } from "redis";
import type { Logger } from "../logger.js";

/** A saved connection-state-recovery session, as the adapter stores it (msgpack, base64). */
interface SavedSession {
  sid: string;
  pid: string;
  rooms: string[];
  data?: { userId?: string };
}

/** The Socket.IO side of running several nodes on one Redis. */
export interface RedisScaleOut {
  /** The connected command client (rate limits and other shared counters use it too). */
  client: RedisClientType;
  /** For `new Server({ adapter })`: the Redis Streams adapter, indexing saved sessions by user. */
  adapter: ReturnType<typeof createAdapter>;
  /**
   * Drop `room` from every saved (disconnected, recoverable) session of `userId` on any node, so a
   * user removed from a group while away gets neither the room back nor what was sent to it.
   */
  forgetRoom(userId: string, room: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connect to Redis and build the Redis Streams adapter (connection-state recovery stays on: the
 * adapter keeps sessions in Redis and replays missed packets from the stream).
 */
export async function connectRedisScaleOut(opts: {
  url: string;
  /** Every key and channel starts with `<prefix>:`. */
  prefix: string;
  logger: Logger;
  maxDisconnectionMs: number;
}): Promise<RedisScaleOut> {
  const userSessions = `${opts.prefix}:sessions:user:`;
  const sessionPrefix = `${opts.prefix}:sio:session:`;
  const client: RedisClientType = createClient({ url: opts.url });
  let lastError = 0;
  client.on("error", (err) => {
    if (Date.now() - lastError < 10_000) return;
    lastError = Date.now();
    opts.logger.error({ err }, "Redis connection error");
  });
  await client.connect();

  // The stream is the replay log for recovery: keep comfortably more than the entries a busy
  // city sends during the recovery window (trimming only shortens recovery, then clients sync).
  const base = createAdapter(client, {
    streamName: `${opts.prefix}:socket.io`,
    channelPrefix: `${opts.prefix}:socket.io`,
    sessionKeyPrefix: sessionPrefix,
    maxLen: 50_000,
  });
  // Socket.IO calls `new adapter(nsp)`: a function expression (not an arrow) returning the instance.
  const adapter = function indexedAdapter(nsp: Parameters<typeof base>[0]) {
    const a = base(nsp);
    const persist = a.persistSession.bind(a);
    a.persistSession = (session) => {
      persist(session);
      const userId = (session.data as SavedSession["data"])?.userId;
      if (!userId) return;
      const key = userSessions + userId;
      client
        .multi()
        .sAdd(key, session.pid)
        .pExpire(key, opts.maxDisconnectionMs)
        .exec()
        .catch((err: unknown) => opts.logger.warn({ err }, "could not index a saved session"));
    };
    return a;
  } as typeof base;

  return {
    client,
    adapter,
    async forgetRoom(userId, room) {
      const key = userSessions + userId;
      for (const pid of await client.sMembers(key)) {
        const sessionKey = sessionPrefix + pid;
        const raw = await client.get(sessionKey);
        if (!raw) {
          await client.sRem(key, pid);
          continue;
        }
        const session = decode(Buffer.from(raw, "base64")) as SavedSession;
        if (!session.rooms.includes(room)) continue;
        session.rooms = session.rooms.filter((r) => r !== room);
        await client.set(sessionKey, Buffer.from(encode(session)).toString("base64"), {
          KEEPTTL: true,
          XX: true,
        });
      }
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
