import { randomUUID } from "node:crypto";
import type { ClientToServerEvents, ServerToClientEvents } from "@carecircle/shared";
import { io, type Socket } from "socket.io-client";
import { expect } from "vitest";

/**
 * Talking to a server in another process (crash and soak tests) over its public HTTP API and
 * real sockets only: there is no in-process handle to its database.
 */
export interface Remote {
  url: string;
}

/** A parsed HTTP answer. */
export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field by the tests
  body: any;
}

/** One HTTP call; rejects only when no answer arrived (connection refused or reset). */
export async function api(
  srv: Remote,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** The call must answer `status`; answers the body. */
export async function apiOk(
  srv: Remote,
  method: string,
  path: string,
  token: string | undefined,
  body: unknown,
  status: number,
) {
  const res = await api(srv, method, path, token, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

export type RemoteSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const sockets = new Set<RemoteSocket>();

/** A real socket.io-client connection (websocket, no automatic reconnection). */
export function connectRemote(srv: Remote, token: string): Promise<RemoteSocket> {
  const socket: RemoteSocket = io(srv.url, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  sockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      sockets.delete(socket);
      socket.close();
      reject(err);
    });
  });
}

/** Close every socket opened with `connectRemote`. */
export function closeRemoteSockets(): void {
  for (const s of sockets) s.close();
  sockets.clear();
}

/** The first admin a child server creates at boot from these variables. */
export const ADMIN_ENV = { ADMIN_EMAIL: "admin@load.test", ADMIN_PASSWORD: "admin-password-for-tests" };
const PASSWORD = "family-password-for-tests";

/** A family as the load generators need it. */
export interface RemoteFamily {
  userId: string;
  token: string;
  childId: string;
}

/** Sign in on a process; answers the whole answer (token, user). */
function remoteSignIn(srv: Remote, email: string, password: string) {
  return apiOk(srv, "POST", "/api/auth/login", undefined, { email, password }, 200);
}

/** Sign in on a process; answers the access token. */
export async function remoteLogin(srv: Remote, email: string, password: string): Promise<string> {
  return (await remoteSignIn(srv, email, password)).token as string;
}

/** A caregiver registered and signed in on `srv`, with one child (`孩子<i>`). */
export async function remoteFamily(
  srv: Remote,
  who: { email: string; password: string; displayName: string },
  i: number,
): Promise<RemoteFamily> {
  await apiOk(srv, "POST", "/api/auth/register", undefined, who, 202);
  const reg = await remoteSignIn(srv, who.email, who.password);
  const token = reg.token as string;
  const child = await apiOk(
    srv,
    "POST",
    "/api/children",
    token,
    {
      nickname: `孩子${i}`,
      birthYear: 2015,
      distressType: "illness_or_disability",
      disabilityTypes: ["autism"],
    },
    201,
  );
  return { userId: reg.user.id as string, token, childId: child.id as string };
}

/** What a load test needs: one moderated group every family joined, one station, the families. */
export interface World {
  adminToken: string;
  moderatorToken: string;
  groupId: string;
  stationId: string;
  families: RemoteFamily[];
}

/**
 * Build a small world over HTTP on a server started with `ADMIN_ENV`: a social worker's group,
 * `families` caregivers (each with one child) who joined it, and a station whose quotas allow many
 * bookings per family.
 */
export async function buildWorld(srv: Remote, families: number): Promise<World> {
  const adminToken = await remoteLogin(srv, ADMIN_ENV.ADMIN_EMAIL, ADMIN_ENV.ADMIN_PASSWORD);
  const swEmail = `sw-${randomUUID().slice(0, 8)}@load.test`;
  await apiOk(
    srv,
    "POST",
    "/api/admin/users",
    adminToken,
    { email: swEmail, password: PASSWORD, displayName: "社工", role: "social_worker" },
    201,
  );
  const moderatorToken = (
    await apiOk(srv, "POST", "/api/auth/login", undefined, { email: swEmail, password: PASSWORD }, 200)
  ).token as string;
  const group = await apiOk(
    srv,
    "POST",
    "/api/groups",
    moderatorToken,
    { name: "故障测试互助组", description: "crash and soak tests", topic: "autism", kind: "discussion" },
    201,
  );
  const station = await apiOk(
    srv,
    "POST",
    "/api/stations",
    adminToken,
    {
      name: `站点 ${randomUUID().slice(0, 6)}`,
      district: "阳光街道",
      address: "阳光路 12 号",
      phone: "021-55550001",
      disabilityTypes: ["autism"],
      serviceTypes: ["respite"],
      maxBookingsPerWeek: 50,
      maxHoursPerMonth: 744,
    },
    201,
  );
  const out: RemoteFamily[] = [];
  for (let i = 0; i < families; i++) {
    const email = `family-${i}-${randomUUID().slice(0, 8)}@load.test`;
    const family = await remoteFamily(srv, { email, password: PASSWORD, displayName: `家长${i}` }, i);
    await apiOk(srv, "POST", `/api/groups/${group.id}/join`, family.token, undefined, 200);
    out.push(family);
  }
  return { adminToken, moderatorToken, groupId: group.id, stationId: station.id, families: out };
}

const HOUR = 3_600_000;

/** `count` one-hour slots of `capacity` seats, back to back from `fromHours` hours ahead. */
export async function createSlots(
  srv: Remote,
  world: World,
  count: number,
  fromHours: number,
  capacity: number,
): Promise<string[]> {
  const base = Math.floor((Date.now() + fromHours * HOUR) / HOUR) * HOUR;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const slot = await apiOk(
      srv,
      "POST",
      "/api/slots",
      world.adminToken,
      {
        stationId: world.stationId,
        serviceType: "respite",
        startsAt: new Date(base + i * HOUR).toISOString(),
        endsAt: new Date(base + (i + 1) * HOUR).toISOString(),
        capacity,
      },
      201,
    );
    ids.push(slot.id as string);
  }
  return ids;
}
