import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import type { ErrorCode } from "@carecircle/shared";

const STATUS: Record<string, [number, string, string, ErrorCode]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    "Request Header Fields Too Large",
    "The request headers or URL are too large",
    "PAYLOAD_TOO_LARGE",
  ],
  HPE_URI_TOO_LONG: [414, "URI Too Long", "The request URL is too long", "PAYLOAD_TOO_LARGE"],
  // headersTimeout / requestTimeout (issue 14 #7): the client may simply be on a bad network.
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "The request took too long to arrive", "UNAVAILABLE"],
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
    const [status, reason, message, code] = STATUS[err.code ?? ""] ?? [
      400,
      "Bad Request",
      "Malformed HTTP request",
      "VALIDATION_FAILED",
    ];
    const body = JSON.stringify({ error: { code, message } });
    // Close at once once written: a slow client that never reads must not keep the socket half-open.
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  });
}
