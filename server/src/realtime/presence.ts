import type { Presence } from "@carecircle/shared";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { users } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { IoServer } from "./io.js";
import { rooms } from "./rooms.js";

/** Changes within this window are announced once per group. */
const COALESCE_MS = 100;

/**
 * Group presence, derived from the sockets in each group's room (so it is right across nodes
 * with an adapter), minus members who chose to hide their presence. Never stored.
 */
export function createPresence(io: IoServer, db: Db, logger: Logger) {
  const pending = new Map<string, NodeJS.Timeout>();

  async function compute(groupId: string): Promise<Presence> {
    const sockets = await io.in(rooms.group(groupId)).fetchSockets();
    const moderators = new Set<string>();
    const ids = new Set<string>();
    for (const s of sockets) {
      const userId = s.data?.userId;
      if (!userId) continue;
      ids.add(userId);
      if (s.rooms.has(rooms.moderators(groupId))) moderators.add(userId);
    }
    if (ids.size === 0) return { groupId, onlineCount: 0, online: [] };
    // Fresh names and the current "show my presence" choice, straight from the accounts.
    const visible = await db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(inArray(users.id, [...ids]), eq(users.showPresence, true), eq(users.status, "active")));
    const online = visible
      .map((u) => ({
        id: u.id,
        displayName: u.displayName,
        role: moderators.has(u.id) ? ("moderator" as const) : ("member" as const),
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    return { groupId, onlineCount: online.length, online };
  }

  return {
    compute,

    /** Announce the group's presence to its room soon (coalescing bursts of joins/leaves). */
    schedule(groupId: string): void {
      if (pending.has(groupId)) return;
      const timer = setTimeout(() => {
        pending.delete(groupId);
        compute(groupId).then(
          (p) => io.to(rooms.group(groupId)).emit("presence", p),
          (err) => logger.warn({ err, groupId }, "presence update failed"),
        );
      }, COALESCE_MS);
      timer.unref();
      pending.set(groupId, timer);
    },

    /** Cancel pending announcements (server shutdown). */
    stop(): void {
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    },
  };
}
export type PresenceTracker = ReturnType<typeof createPresence>;
