import { io } from "socket.io-client";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCaregiver } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const APP = "https://app.example";
const EVIL = "https://evil.example";

const srv = useTestServer({ corsOrigin: APP });
let token: string;
beforeAll(async () => {
  token = (await buildCaregiver(srv)).token;
});

/**
 * Open a socket with an `Origin` header (as a browser on that page would send), over `transport`.
 * Resolves "connected" or the refusal's message.
 */
function handshake(origin: string | undefined, transport: "websocket" | "polling"): Promise<string> {
  const socket = io(srv.url, {
    auth: { token },
    transports: [transport],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    ...(origin ? { extraHeaders: { Origin: origin } } : {}),
  });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      socket.close();
      resolve("connected");
    });
    socket.once("connect_error", (err: Error) => {
      socket.close();
      resolve(`refused: ${err.message}`);
    });
  });
}

describe("HTTP CORS is limited to the configured origin", () => {
  it("answers the configured origin with Access-Control-Allow-Origin, and no other", async () => {
    const ok = await srv.http.get("/healthz").set("Origin", APP);
    expect(ok.status).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe(APP);
    expect(ok.headers.vary).toMatch(/Origin/);

    const foreign = await srv.http.get("/healthz").set("Origin", EVIL);
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
    // A look-alike (prefix or suffix of the allowed origin) is foreign too.
    for (const lookalike of [`${APP}.evil.example`, "https://app.example:8443", "http://app.example"]) {
      const r = await srv.http.get("/healthz").set("Origin", lookalike);
      expect(r.headers["access-control-allow-origin"], lookalike).toBeUndefined();
    }
    const none = await srv.http.get("/healthz");
    expect(none.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("answers preflight OPTIONS with 204, allowing methods and headers only for the configured origin", async () => {
    const pre = await srv.http
      .options("/api/bookings")
      .set("Origin", APP)
      .set("Access-Control-Request-Method", "POST")
      .set("Access-Control-Request-Headers", "authorization, content-type");
    expect(pre.status).toBe(204);
    expect(pre.headers["access-control-allow-origin"]).toBe(APP);
    expect(pre.headers["access-control-allow-methods"]).toMatch(/POST/);
    expect(pre.headers["access-control-allow-headers"]).toMatch(/Authorization/i);

    const foreign = await srv.http
      .options("/api/bookings")
      .set("Origin", EVIL)
      .set("Access-Control-Request-Method", "POST");
    expect(foreign.status).toBe(204);
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
    expect(foreign.headers["access-control-allow-methods"]).toBeUndefined();
  });

  it("the API answers a request of the configured origin normally", async () => {
    const me = await srv.http.get("/api/me").set("Origin", APP).set("Authorization", `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.headers["access-control-allow-origin"]).toBe(APP);
  });
});

describe("Socket.IO handshakes are limited to the configured origin", () => {
  for (const transport of ["websocket", "polling"] as const) {
    it(`${transport}: the configured origin and non-browser clients connect; a foreign origin is refused`, async () => {
      expect(await handshake(APP, transport)).toBe("connected");
      // No Origin header: not a browser (native apps, server-side clients), so no cross-site risk.
      expect(await handshake(undefined, transport)).toBe("connected");
      expect(await handshake(EVIL, transport)).toMatch(/^refused/);
      expect(await handshake(`${APP}.evil.example`, transport)).toMatch(/^refused/);
      // A page served by this server itself (same origin) still connects.
      expect(await handshake(srv.url, transport)).toBe("connected");
    });
  }

  it("a refused handshake never opens an engine connection (no authentication, no handlers)", async () => {
    let opened = 0;
    const count = () => opened++;
    srv.cc.io.engine.on("connection", count);
    try {
      expect(await handshake(EVIL, "websocket")).toMatch(/^refused/);
      expect(await handshake(EVIL, "polling")).toMatch(/^refused/);
      expect(opened).toBe(0);
      expect(await handshake(APP, "websocket")).toBe("connected");
      expect(opened).toBe(1);
    } finally {
      srv.cc.io.engine.off("connection", count);
    }
  });
});
