import type { ApiError, ClientToServerEvents, ServerToClientEvents } from "@carecircle/shared";
import { io, type Socket } from "socket.io-client";
import { getFreshToken, refreshSession } from "../api/client";
import { clearSession } from "../api/session";

/** The app's one typed socket. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the UI shows about the live connection. */
export type ConnectionState = "connecting" | "online" | "reconnecting" | "offline";

type Listener = (s: ConnectionState) => void;
const listeners = new Set<Listener>();
let socket: AppSocket | null = null;
let state: ConnectionState = "offline";
let everConnected = false;

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
  return s;
}

/** Close the socket (logout). */
export function disconnectSocket(): void {
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
