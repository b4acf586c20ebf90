import { GROUP_LIMITS, type Group, type GroupRole, type MembershipChange } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound, forbidden, notFound } from "../../errors.js";
import type { PresenceTracker } from "../../realtime/presence.js";
import { rooms } from "../../realtime/rooms.js";
import type { AuthUser } from "../auth/access-token.js";
import { presentGroup } from "./groups.presenter.js";
import { type GroupRow, groupsRepo, type MembershipRow } from "./groups.repo.js";

/** The caller's standing in one group. */
export interface GroupAccess {
  group: GroupRow;
  membership: MembershipRow | undefined;
  /** Moderator of this group, or an admin (who may moderate every group). */
  canModerate: boolean;
  /** May read the group's messages: members, and admins. */
  canRead: boolean;
}

/** Private conversations keep their shape: membership follows the family (decision 075). */
export function refuseDirect(group: GroupRow): void {
  if (group.kind === "direct") throw forbidden("A private conversation cannot be changed this way");
}

/**
 * What every part of the groups service shares: the caller's standing in a group, groups as the
 * caller sees them, and moving the caller's sockets in and out of a group's rooms.
 */
export function createGroupCore(deps: Deps, presence: PresenceTracker) {
  const { db, realtime } = deps;

  async function access(user: AuthUser, groupId: string): Promise<GroupAccess> {
    const { group, membership } = assertFound(await groupsRepo.withMembership(db, groupId, user.id), "group");
    // A private conversation exists only for its members: not even admins read it (decision 075).
    if (group.kind === "direct") {
      if (!membership) throw notFound("group");
      return { group, membership, canModerate: membership.role === "moderator", canRead: true };
    }
    const isAdmin = user.role === "admin";
    return {
      group,
      membership,
      canModerate: isAdmin || membership?.role === "moderator",
      canRead: isAdmin || membership !== undefined,
    };
  }

  async function present(user: AuthUser, list: GroupRow[]): Promise<Group[]> {
    const ids = list.map((g) => g.id);
    const [counts, memberships, mutes, topics] = await Promise.all([
      groupsRepo.memberCounts(db, ids),
      groupsRepo.membershipsOf(db, user.id),
      groupsRepo.activeMutes(db, user.id, ids),
      user.familyId
        ? groupsRepo.familyDisabilityTypes(db, user.familyId)
        : Promise.resolve(new Set<string>()),
    ]);
    const mine = new Map(memberships.map((m) => [m.groupId, m]));
    const unread = await groupsRepo.unreadCounts(
      db,
      user.id,
      ids.filter((id) => mine.has(id)),
      GROUP_LIMITS.unreadCountCap,
    );
    return list.map((g) => {
      const m = mine.get(g.id);
      return presentGroup(g, {
        memberCount: counts.get(g.id) ?? 0,
        role: m?.role ?? null,
        lastReadSeq: m?.lastReadSeq ?? 0,
        unreadCount: unread.get(g.id) ?? 0,
        suggested: topics.has(g.topic),
        mute: mutes.get(g.id),
      });
    });
  }

  return {
    access,
    present,
    presence,
    async presentOne(user: AuthUser, group: GroupRow): Promise<Group> {
      return (await present(user, [group]))[0]!;
    },

    /** Make every socket of the user join (or leave) the group's rooms at once. */
    joinRooms(userId: string, groupId: string, role: GroupRole): void {
      const list = [rooms.group(groupId), ...(role === "moderator" ? [rooms.moderators(groupId)] : [])];
      realtime.io.in(rooms.user(userId)).socketsJoin(list);
      presence.schedule(groupId);
    },

    leaveRooms(userId: string, groupId: string, change: MembershipChange): void {
      realtime.emitTo(rooms.user(userId), "group:membership", change);
      realtime.leaveRoom(userId, rooms.group(groupId));
      realtime.leaveRoom(userId, rooms.moderators(groupId));
      presence.schedule(groupId);
    },
  };
}

/** The shared part of the groups service (see createGroupCore). */
export type GroupCore = ReturnType<typeof createGroupCore>;
