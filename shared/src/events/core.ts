import { z } from "zod";
import type { ApiError } from "../errors.js";
import type { Notification } from "../schemas/notifications.js";

/** Why the server ended a user's sessions. */
export type SessionEndReason = "disabled" | "deleted" | "logout" | "shutdown";

/** Platform-level server events. */
export interface CoreServerEvents {
  /** Sent when a client-side mistake had no ack callback to answer. */
  error: (error: ApiError) => void;
  /** The session ends (account disabled or deleted, logout everywhere, server shutdown: reconnect later). */
  "session:ended": (payload: { reason: SessionEndReason }) => void;
  /** A new persisted notification for this user. */
  "notification:new": (notification: Notification) => void;
}

/** `auth:refresh`: hand the socket the access token just obtained by a refresh. */
export const AuthRefreshSchema = z.object({ token: z.string().min(1).max(4096) }).strict();
export type AuthRefreshInput = z.infer<typeof AuthRefreshSchema>;
