import type { BookingClientEvents, BookingServerEvents } from "./events/booking.js";
import type { ChatClientEvents, ChatServerEvents } from "./events/chat.js";
import type { CoreClientEvents, CoreServerEvents } from "./events/core.js";
import type { ModerationClientEvents, ModerationServerEvents } from "./events/moderation.js";

export * from "./events/access.js";
export * from "./events/booking.js";
export * from "./events/chat.js";
export * from "./events/core.js";
export * from "./events/moderation.js";

/** Data attached to each authenticated socket by the server. */
export interface SocketData {
  userId: string;
  role: string;
  displayName: string;
}

/** Every event the server sends (Socket.IO function-signature style). */
export interface ServerToClientEvents
  extends CoreServerEvents,
    ChatServerEvents,
    ModerationServerEvents,
    BookingServerEvents {}

/** Every event the client sends. */
export interface ClientToServerEvents
  extends CoreClientEvents,
    ChatClientEvents,
    ModerationClientEvents,
    BookingClientEvents {}
