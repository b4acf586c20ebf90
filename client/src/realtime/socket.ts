import type { ApiError, ClientToServerEvents, ServerToClientEvents } from "@carecircle/shared";
import type { io as ioType, Socket } from "socket.io-client";
import { getFreshToken, refreshSession } from "../api/client";
import { clearSession, getSession, onSessionChange } from "../api/session";

/** The app's one typed socket. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the UI shows about the live connection. */
export type ConnectionState = "connecting" | "online" | "reconnecting" | "offline";

type Listener = (s: ConnectionState) => void;
const listeners = new Set<Listener>();
let socket: AppSocket | null = null;
let state: ConnectionState = "offline";
let everConnected = false;
let stopTokenWatch: (() => void) | null = null;
let io: typeof ioType | null = null;

/**
 * Fetch the socket.io client (its own chunk): signed-out pages never need it, so it stays off the
 * first screen of /login (decision 103). Call before `connectSocket`.
 */
export async function loadSocketClient(): Promise<void> {
  io ??= (await import("socket.io-client")).io;
}

function setState(s: ConnectionState) {
  if (s === state) return;
  state = s;
  for (const l of listeners) l(s);
}

/**
 * Open the socket for the signed-in user. The token is fetched fresh on every (re)connect, so a
 * reconnect after the access token expired refreshes it first.
 */
export function connectSocket(): AppSocket {
  if (socket) return socket;
  if (!io) throw new Error("loadSocketClient() first");
  everConnected = false;
  const s: AppSocket = io({
    auth: (cb) => {
      void getFreshToken().then((token) => cb({ token: token ?? "" }));
    },
    transports: ["websocket", "polling"],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket = s;
  setState("connecting");
  s.on("connect", () => {
    everConnected = true;
    setState("online");
  });
  s.on("disconnect", (reason) => {
    if (reason === "io client disconnect") setState("offline");
    else setState("reconnecting");
    // The server closed us on purpose (e.g. it restarted): try again ourselves.
    if (reason === "io server disconnect" && socket === s) setTimeout(() => s.connect(), 1000);
  });
  s.on("connect_error", (err: Error & { data?: ApiError }) => {
    setState(everConnected ? "reconnecting" : "connecting");
    const code = err.data?.code;
    if (code === "UNAUTHENTICATED") {
      void refreshSession().then((fresh) => {
        if (fresh && socket === s) s.connect();
      });
    } else if (code === "ACCOUNT_DISABLED") {
      clearSession();
    }
  });
  s.io.on("reconnect_attempt", () => setState("reconnecting"));
  s.on("session:ended", ({ reason }) => {
    if (reason === "disabled" || reason === "deleted" || reason === "logout") clearSession();
  });
  stopTokenWatch = watchToken(s);
  return s;
}

/**
 * The server stops serving a socket when its access token expires: refresh the token shortly
 * before that even when the app is idle, and hand every new token (from a refresh in this tab or
 * another) to the open socket with `auth:refresh`. If that fails, the server closes the socket at
 * expiry and the reconnect above signs in again with a fresh token.
 */
function watchToken(s: AppSocket): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let handed = getSession()?.token;
  const schedule = () => {
    clearTimeout(timer);
    const session = getSession();
    if (session)
      timer = setTimeout(() => void getFreshToken(), Math.max(1000, session.expiresAt - Date.now()));
  };
  const off = onSessionChange((session) => {
    if (!session) return;
    if (session.token !== handed && s.connected) s.emit("auth:refresh", { token: session.token });
    handed = session.token;
    schedule();
  });
  s.on("connect", () => {
    handed = getSession()?.token;
  });
  schedule();
  return () => {
    off();
    clearTimeout(timer);
  };
}

/** Close the socket (logout). */
export function disconnectSocket(): void {
  stopTokenWatch?.();
  stopTokenWatch = null;
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
  setState("offline");
}

export function currentSocket(): AppSocket | null {
  return socket;
}

export function connectionState(): ConnectionState {
  return state;
}

export function onConnectionState(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
