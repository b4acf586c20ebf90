import type { Role } from "./enums.js";
import type { BookingServerEvents } from "./events/booking.js";
import type { ChatServerEvents } from "./events/chat.js";
import type { CoreServerEvents } from "./events/core.js";
import type { ModerationServerEvents } from "./events/moderation.js";

export * from "./events/access.js";
export * from "./events/booking.js";
export * from "./events/chat.js";
export * from "./events/core.js";
export * from "./events/moderation.js";
export * from "./events/schemas.js";

/** Data attached to each authenticated socket by the server. */
export interface SocketData {
  userId: string;
  role: Role;
  displayName: string;
}

/** Every event the server sends (Socket.IO function-signature style). */
export interface ServerToClientEvents
  extends CoreServerEvents,
    ChatServerEvents,
    ModerationServerEvents,
    BookingServerEvents {}
