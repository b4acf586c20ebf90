import type { Logger } from "../logger.js";
import type { IoServer, IoSocket } from "./io.js";

/** A feature's socket handlers, registered for every authenticated connection. */
export type SocketFeature = (socket: IoSocket) => void | Promise<void>;

/** Register every feature's handlers on each new authenticated socket. */
export function registerSocketHandlers(io: IoServer, features: SocketFeature[], logger: Logger): void {
  io.on("connection", (socket) => {
    for (const feature of features) {
      Promise.resolve(feature(socket)).catch((err) => logger.error({ err }, "socket feature setup failed"));
    }
  });
}
