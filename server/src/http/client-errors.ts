import type { Server } from "node:http";
import type { Duplex } from "node:stream";

const STATUS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "The request headers or URL are too large"],
  HPE_URI_TOO_LONG: [414, "URI Too Long", "The request URL is too long"],
};

/**
 * Requests Node's HTTP parser refuses before Express sees them (oversized headers or URL, garbage)
 * still get the API's JSON error shape instead of a bare status line.
 */
export function jsonClientErrors(server: Server): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (err.code === "ECONNRESET" && !socket.readable)) {
      socket.destroy();
      return;
    }
    const [status, reason, message] = STATUS[err.code ?? ""] ?? [
      400,
      "Bad Request",
      "Malformed HTTP request",
    ];
    const body = JSON.stringify({
      error: { code: status === 400 ? "VALIDATION_FAILED" : "PAYLOAD_TOO_LARGE", message },
    });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
