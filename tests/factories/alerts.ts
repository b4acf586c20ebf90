import type { CrisisAlert, Notification } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import { type Account, buildCaregiver } from "./accounts.js";
import { buildGroup, joinGroup } from "./chat.js";
import { type ClientSocket, connectSocket } from "./sockets.js";

/** Every day, all day: the social worker is always on duty. */
export const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));

/** Replace a social worker's duty hours (expects 200). */
export async function setDutyHours(srv: TestServer, sw: Account, shifts = ALWAYS): Promise<void> {
  const res = await srv.http.put("/api/me/duty-hours").set("Authorization", sw.auth).send({ shifts });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A group (moderated by a new social worker) with a caregiver author connected by socket. */
export async function crisisRoom(srv: TestServer, opts: { moderator?: Account } = {}) {
  const { group, moderator } = await buildGroup(srv, opts.moderator ? { moderator: opts.moderator } : {});
  const author = await buildCaregiver(srv, { displayName: "深夜的妈妈" });
  const peer = await buildCaregiver(srv, { displayName: "同群家长" });
  await joinGroup(srv, author, group.id);
  await joinGroup(srv, peer, group.id);
  const as: ClientSocket = await connectSocket(srv, author.token);
  return { group, moderator, author, peer, as };
}

/** The alerts an account may act on (expects 200). */
export async function alertsOf(
  srv: TestServer,
  who: Account,
  status: "open" | "acknowledged" | "all" = "open",
): Promise<CrisisAlert[]> {
  const res = await srv.http.get("/api/moderation/alerts").query({ status }).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.alerts as CrisisAlert[];
}

/** An account's stored notifications of one kind (expects 200). */
export async function notificationsOf(srv: TestServer, who: Account, kind: string): Promise<Notification[]> {
  const res = await srv.http.get("/api/notifications").query({ limit: 100 }).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.notifications as Notification[]).filter((n) => n.kind === kind);
}
