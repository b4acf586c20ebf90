import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { io } from "socket.io-client";
import { afterAll, expect, it } from "vitest";
import { spawnServer } from "../setup/child-server.js";
import { freshDatabase } from "../setup/database.js";

/** POST on a connection of its own (no keep-alive reuse), resolving with the status. */
function post(port: number, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

const tmp = mkdtempSync(path.join(tmpdir(), "cc-shutdown-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("SIGTERM finishes in-flight requests, tells sockets to reconnect later, closes the database and exits within 10 s", async () => {
  const db = process.env.DATABASE_URL ? await freshDatabase() : undefined;
  const srv = await spawnServer({ DATA_DIR: tmp, JWT_SECRET: "s".repeat(40), DATABASE_URL: db?.url ?? "" });
  try {
    const reg = await fetch(`${srv.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "first@example.com", password: "shutdown-password", displayName: "a" }),
    });
    expect(reg.status).toBe(202);
    const signedIn = await fetch(`${srv.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "first@example.com", password: "shutdown-password" }),
    });
    const { token } = (await signedIn.json()) as { token: string };
    const socket = io(srv.url, { auth: { token }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const ended = new Promise((resolve) => socket.once("session:ended", resolve));

    // Registration hashes a password (tens of ms on a 4-thread pool), so once the first answer is
    // back the rest are queued inside the server when the signal lands.
    let firstAnswer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      firstAnswer = resolve;
    });
    const inflight = Array.from({ length: 40 }, (_, i) =>
      post(srv.port, "/api/auth/register", {
        email: `inflight${i}@example.com`,
        password: "shutdown-password",
        displayName: `u${i}`,
      }).then(
        (status) => {
          firstAnswer();
          return status;
        },
        (e: NodeJS.ErrnoException) => `request ${i} failed: ${e.code ?? e.message}`,
      ),
    );
    await answered;
    const started = Date.now();
    srv.kill("SIGTERM");

    expect(await Promise.all(inflight)).toEqual(Array(40).fill(202));
    expect(await ended).toEqual({ reason: "shutdown" });
    expect(await srv.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(srv.logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    socket.close();

    // The database closed cleanly: a new process opens it and sees every acknowledged registration.
    const again = await spawnServer({
      DATA_DIR: tmp,
      JWT_SECRET: "s".repeat(40),
      DATABASE_URL: db?.url ?? "",
    });
    const login = await fetch(`${again.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "inflight39@example.com", password: "shutdown-password" }),
    });
    expect(login.status).toBe(200);
    again.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  } finally {
    srv.proc.kill("SIGKILL");
    await db?.close();
  }
});
