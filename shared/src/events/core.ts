import type { ApiError } from "../errors.js";
import type { Notification } from "../schemas/notifications.js";

/** Platform-level server events. */
export interface CoreServerEvents {
  /** Sent when a client-side mistake had no ack callback to answer. */
  error: (error: ApiError) => void;
  /** The session ends (account disabled, logout everywhere, server shutdown: reconnect later). */
  "session:ended": (payload: { reason: "disabled" | "logout" | "shutdown" }) => void;
  /** A new persisted notification for this user. */
  "notification:new": (notification: Notification) => void;
}
