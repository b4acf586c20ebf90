import type { Server as HttpServer } from "node:http";
import net from "node:net";
import type { IoServer } from "../realtime/io.js";
import type { Lifecycle } from "./build-app.js";

/**
 * Drain this node's traffic: mark draining, end this node's sockets, keep serving queued requests
 * for `drainMs`, then stop accepting and wait for in-flight requests (forced after 8 s) and for
 * Socket.IO to close. What is behind the traffic (database, schedulers) is closed by the caller.
 */
export async function drainTraffic(opts: {
  httpServer: HttpServer;
  io: IoServer;
  lifecycle: Lifecycle;
  drainMs: number;
}): Promise<void> {
  const { httpServer, io } = opts;
  // Drain first: keep accepting for a moment while /readyz says 503 and every response
  // says `Connection: close`, so connections already queued (the embedded database can keep
  // this thread busy, delaying accepts) are served and load balancers stop routing here.
  opts.lifecycle.draining = true;
  // Only this node's sockets: with the Redis adapter, io.emit/disconnectSockets reach every node.
  io.local.emit("session:ended", { reason: "shutdown" });
  io.local.disconnectSockets(true);
  if (opts.drainMs > 0) await new Promise((r) => setTimeout(r, opts.drainMs));
  // Then stop accepting at the socket level only (http.Server#close would also drop "idle"
  // connections whose request has arrived but is not parsed yet) and sweep idle ones.
  const httpClosed = new Promise<void>((resolve) => {
    if (!httpServer.listening) return resolve();
    net.Server.prototype.close.call(httpServer, () => resolve());
  });
  const sweep = setInterval(() => httpServer.closeIdleConnections(), 100);
  const force = setTimeout(() => httpServer.closeAllConnections(), 8000);
  await httpClosed;
  clearInterval(sweep);
  clearTimeout(force);
  await new Promise<void>((resolve) => io.close(() => resolve()));
}
