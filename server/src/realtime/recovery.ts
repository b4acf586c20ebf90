import type { SocketData } from "@carecircle/shared";
import { Socket } from "socket.io";
import type { AuthUser } from "../modules/auth/access-token.js";
import type { IoServer, IoSocket } from "./io.js";

type Auth = Record<string, unknown>;
type Session = NonNullable<ConstructorParameters<typeof Socket>[3]>;
/** The namespace internals this relies on (Socket.IO 4.8: `Namespace#_createSocket`). */
interface Nsp {
  _createSocket?: (client: unknown, auth: Auth) => Promise<IoSocket>;
  adapter: { restoreSession(pid: string, offset: string): Promise<Session | null | undefined> };
}
type SocketCtor = new (nsp: Nsp, client: unknown, auth: Auth, session?: Session) => IoSocket;

/**
 * Bind connection-state recovery to the user who owns the session (decision 082).
 *
 * Socket.IO restores a session (`auth.pid` + `auth.offset`) and writes its missed packets to the
 * wire while it builds the socket, before any middleware has run: so an invalid token with a
 * stolen session id got the packets, then `connect_error`; and another user's valid token got
 * the owner's private `user:<id>` packets. Here the socket is built our way: the session is only
 * restored when the handshake's token authenticates (account active, token version current) as
 * the session's own user; anything else gets a fresh session with nothing replayed, and then
 * the usual middlewares (which refuse a bad token). Works with any adapter (the Redis Streams
 * one included): restoring goes through `adapter.restoreSession`.
 */
export function bindRecoveryToUser(io: IoServer, authenticate: (token: string) => Promise<AuthUser>): void {
  const nsp = io.of("/") as unknown as Nsp;
  if (typeof nsp._createSocket !== "function")
    throw new Error("Socket.IO internals changed: connection-state recovery cannot be bound to its user");
  const Ctor = Socket as unknown as SocketCtor;
  nsp._createSocket = async (client, auth) => {
    const session = await sessionOfSameUser(nsp, auth, authenticate);
    return session ? new Ctor(nsp, client, auth, session) : new Ctor(nsp, client, auth);
  };
}

async function sessionOfSameUser(
  nsp: Nsp,
  auth: Auth,
  authenticate: (token: string) => Promise<AuthUser>,
): Promise<Session | undefined> {
  const { pid, offset, token } = auth;
  if (typeof pid !== "string" || typeof offset !== "string" || typeof token !== "string") return undefined;
  if (token.length === 0 || token.length > 4096) return undefined;
  let user: AuthUser;
  try {
    user = await authenticate(token);
  } catch {
    return undefined;
  }
  try {
    const session = await nsp.adapter.restoreSession(pid, offset);
    const owner = (session?.data as Partial<SocketData> | undefined)?.userId;
    return session && owner === user.id ? session : undefined;
  } catch {
    return undefined;
  }
}
