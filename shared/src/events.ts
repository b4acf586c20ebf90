import type { ApiError } from "./errors.js";

/** Data attached to each authenticated socket by the server. */
export interface SocketData {
  userId: string;
  role: string;
  displayName: string;
}

/** Events the server sends. Feature modules extend this map. */
export interface ServerToClientEvents {
  /** Sent when a client-side mistake had no ack callback to answer. */
  error: (error: ApiError) => void;
  /** The server asks the client to reconnect later (shutdown, session ended). */
  "session:ended": (payload: { reason: "disabled" | "logout" | "shutdown" }) => void;
}

/** Events the client sends. Feature modules extend this map. */
// biome-ignore lint/complexity/noBannedTypes: filled in by the chat, moderation and booking modules
export type ClientToServerEvents = {};
