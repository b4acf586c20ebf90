import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import {
  type Account,
  buildAdmin,
  buildCaregiver,
  buildGroup,
  type ClientSocket,
  collect,
  connectSocket,
  emitAck,
  joinGroup,
  login,
  sendOk,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { pause, until } from "../setup/until.js";

const srv = useTestServer();

const me = (token: string) => srv.http.get("/api/me").set("Authorization", `Bearer ${token}`);

/** Why the server closed `socket`, once it does. */
function closed(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
}

/** An access token of `a` that expires in `seconds` (as the server would sign it, shorter). */
function shortToken(a: Account, seconds: number, ver = 0): string {
  return jwt.sign({ typ: "access", role: a.role, ver }, srv.cc.deps.jwtSecret, {
    algorithm: "HS256",
    subject: a.id,
    expiresIn: seconds,
  });
}

async function memberWithSocket(): Promise<{ a: Account; groupId: string; socket: ClientSocket }> {
  const { group } = await buildGroup(srv);
  const a = await buildCaregiver(srv);
  await joinGroup(srv, a, group.id);
  return { a, groupId: group.id, socket: await connectSocket(srv, a.token) };
}

describe("logout, password change, disable and sign out everywhere end access tokens at once", () => {
  it("after logout the old access token is refused and the open socket is closed", async () => {
    const { a, socket } = await memberWithSocket();
    expect((await me(a.token)).status).toBe(200);
    const gone = closed(socket);
    const out = await srv.http.post("/api/auth/logout").send({ refreshToken: a.refreshToken });
    expect(out.status).toBe(200);
    const res = await me(a.token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
    expect(await gone).toBe("io server disconnect");
    await expect(connectSocket(srv, a.token)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });

  it("logging out one phone leaves the other phone signed in: it refreshes and reconnects", async () => {
    const a = await buildCaregiver(srv);
    const tablet = await login(srv, a.email, a.password);
    await srv.http.post("/api/auth/logout").send({ refreshToken: a.refreshToken }).expect(200);
    expect((await me(tablet.token)).status).toBe(401);
    const fresh = await srv.http.post("/api/auth/refresh").send({ refreshToken: tablet.refreshToken });
    expect(fresh.status).toBe(200);
    expect((await me(fresh.body.token as string)).status).toBe(200);
  });

  it("a password change ends the old access token and tells the sockets the session ended", async () => {
    const { a, socket } = await memberWithSocket();
    const ended = new Promise<string>((resolve) => socket.once("session:ended", (p) => resolve(p.reason)));
    const gone = closed(socket);
    const res = await srv.http
      .post("/api/auth/password")
      .set("Authorization", a.auth)
      .send({ currentPassword: a.password, newPassword: "another-horse-battery-7" });
    expect(res.status).toBe(200);
    expect((await me(a.token)).status).toBe(401);
    expect(await ended).toBe("logout");
    expect(await gone).toBe("io server disconnect");
  });

  it("sign out everywhere ends every device's access and refresh tokens and sockets", async () => {
    const { a, socket } = await memberWithSocket();
    const tablet = await login(srv, a.email, a.password);
    const tabletSocket = await connectSocket(srv, tablet.token);
    const gone = [closed(socket), closed(tabletSocket)];
    const res = await srv.http.post("/api/auth/logout-everywhere").set("Authorization", tablet.auth);
    expect(res.status).toBe(200);
    for (const token of [a.token, tablet.token]) expect((await me(token)).status).toBe(401);
    for (const refreshToken of [a.refreshToken, tablet.refreshToken])
      expect((await srv.http.post("/api/auth/refresh").send({ refreshToken })).status).toBe(401);
    expect(await Promise.all(gone)).toEqual(["io server disconnect", "io server disconnect"]);
    // Signing in again works as usual.
    const back = await login(srv, a.email, a.password);
    expect((await me(back.token)).status).toBe(200);
  });

  it("disabling an account closes its sockets and its old token stays dead after re-enabling", async () => {
    const admin = await buildAdmin(srv);
    const { a, socket } = await memberWithSocket();
    const gone = closed(socket);
    await srv.http.post(`/api/admin/users/${a.id}/disable`).set("Authorization", admin.auth).expect(200);
    expect(await gone).toBe("io server disconnect");
    await srv.http.post(`/api/admin/users/${a.id}/enable`).set("Authorization", admin.auth).expect(200);
    expect((await me(a.token)).status).toBe(401);
  });
});

describe("a socket is served only while its access token is valid", () => {
  it("a socket whose token expired is closed and receives no more messages", async () => {
    const { group, moderator } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    const modSocket = await connectSocket(srv, moderator.token);
    const socket = await connectSocket(srv, shortToken(a, 2));
    const seen = collect(socket, "message:new");
    const sync = await emitAck(socket, "group:sync", { groupId: group.id, sinceChangeSeq: 0 });
    expect(sync.ok).toBe(true);
    expect(await closed(socket)).toBe("io server disconnect");
    // Closed by the server: a client socket takes no packets once disconnected.
    await sendOk(modSocket, group.id, "过期之后的消息");
    expect(seen.map((m) => m.body)).toEqual([]);
  });

  it("an event on a socket whose token has expired is answered UNAUTHENTICATED", async () => {
    const { group } = await buildGroup(srv);
    const a = await buildCaregiver(srv);
    await joinGroup(srv, a, group.id);
    const socket = await connectSocket(srv, shortToken(a, 2));
    // Hold the server's expiry timer back, as a busy event loop could, to reach the per-event check.
    const server = srv.cc.io.of("/").sockets.get(socket.id!)!;
    const disconnect = server.disconnect.bind(server);
    server.disconnect = () => server;
    const sync = () => emitAck(socket, "group:sync", { groupId: group.id, sinceChangeSeq: 0 });
    expect((await sync()).ok).toBe(true);
    let last = await sync();
    await until(
      async () => {
        last = await sync();
        return !last.ok;
      },
      { timeoutMs: 4_000, everyMs: 250, what: "the token to expire" },
    );
    expect(last).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    disconnect(true);
  });

  it("auth:refresh with a fresh token of the same user keeps the socket served past the old expiry", async () => {
    const { a, groupId, socket: other } = await memberWithSocket();
    other.close();
    const socket = await connectSocket(srv, shortToken(a, 2));
    const refreshed = await emitAck(socket, "auth:refresh", { token: a.token });
    expect(refreshed.ok).toBe(true);
    // Past the old token's expiry timer: real time is what this exercises.
    await pause(2500);
    expect(socket.connected).toBe(true);
    const sync = await emitAck(socket, "group:sync", { groupId, sinceChangeSeq: 0 });
    expect(sync.ok).toBe(true);
  });

  it("auth:refresh refuses another user's token and a token ended by logout", async () => {
    const { a, socket } = await memberWithSocket();
    const b = await buildCaregiver(srv);
    const foreign = await emitAck(socket, "auth:refresh", { token: b.token });
    expect(foreign).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    const second = await login(srv, a.email, a.password);
    await srv.http.post("/api/auth/logout").send({ refreshToken: second.refreshToken }).expect(200);
    const stillOpen = await connectSocket(srv, (await login(srv, a.email, a.password)).token);
    const ended = await emitAck(stillOpen, "auth:refresh", { token: second.token });
    expect(ended).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});
