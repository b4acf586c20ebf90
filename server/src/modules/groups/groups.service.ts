import {
  GROUP_LIMITS,
  type Group,
  type GroupCreateInput,
  type GroupListQueryInput,
  type GroupRole,
  type GroupUpdateInput,
  type Member,
  type MembershipChange,
} from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, assertFound, forbidden, invalid, notFound } from "../../errors.js";
import type { PresenceTracker } from "../../realtime/presence.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { usersRepo } from "../users/users.repo.js";
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
 * Groups and memberships. Groups are public to browse (their existence is not secret), so a
 * caller who may not read or moderate one gets 403 FORBIDDEN; unknown groups are 404.
 */
export function createGroupsService(deps: Deps, presence: PresenceTracker) {
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

  async function presentOne(user: AuthUser, group: GroupRow): Promise<Group> {
    return (await present(user, [group]))[0]!;
  }

  /** Make every socket of the user join (or leave) the group's rooms at once. */
  function joinRooms(userId: string, groupId: string, role: GroupRole): void {
    const list = [rooms.group(groupId), ...(role === "moderator" ? [rooms.moderators(groupId)] : [])];
    realtime.io.in(rooms.user(userId)).socketsJoin(list);
    presence.schedule(groupId);
  }

  function leaveRooms(userId: string, groupId: string, change: MembershipChange): void {
    realtime.emitTo(rooms.user(userId), "group:membership", change);
    realtime.leaveRoom(userId, rooms.group(groupId));
    realtime.leaveRoom(userId, rooms.moderators(groupId));
    presence.schedule(groupId);
  }

  return {
    access,
    presence,
    joinRooms,
    leaveRooms,
    refuseDirect,

    /** Readers only (members and admins), else 403. */
    async requireReader(user: AuthUser, groupId: string): Promise<GroupAccess> {
      const a = await access(user, groupId);
      if (!a.canRead) throw forbidden("Join this group to read its messages");
      return a;
    },

    /** Moderators of this group (and admins) only, else 403. */
    async requireModerator(user: AuthUser, groupId: string): Promise<GroupAccess> {
      const a = await access(user, groupId);
      if (!a.canModerate) throw forbidden("Only this group's moderators can do this");
      return a;
    },

    /** Browse: suggested groups (matching my children's disability types) first, then by name. */
    async list(user: AuthUser, q: GroupListQueryInput): Promise<Group[]> {
      const staff = user.role !== "caregiver";
      const rows = await groupsRepo.list(db, {
        topic: q.topic,
        includeArchived: staff && q.archived === "true",
      });
      let out = await present(user, rows);
      if (q.member === "true") out = out.filter((g) => g.isMember);
      if (q.member === "false") out = out.filter((g) => !g.isMember);
      return out.sort((a, b) => Number(b.suggested) - Number(a.suggested));
    },

    async get(user: AuthUser, groupId: string): Promise<Group> {
      const a = await access(user, groupId);
      if (a.group.archivedAt && !a.membership && user.role === "caregiver") throw notFound("group");
      return presentOne(user, a.group);
    },

    async create(user: AuthUser, input: GroupCreateInput): Promise<Group> {
      const group = await db.transaction(async (tx) => {
        const g = await groupsRepo.insert(tx, { ...input, createdBy: user.id });
        await groupsRepo.upsertMember(tx, g.id, user.id, "moderator");
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "group_created",
          groupId: g.id,
          after: { name: g.name, topic: g.topic, kind: g.kind },
        });
        return g;
      });
      joinRooms(user.id, group.id, "moderator");
      return presentOne(user, group);
    },

    async update(user: AuthUser, groupId: string, patch: GroupUpdateInput): Promise<Group> {
      const a = await access(user, groupId);
      if (!a.canModerate) throw forbidden("Only this group's moderators can change it");
      refuseDirect(a.group);
      const { archived, ...fields } = patch;
      const set = {
        ...fields,
        ...(archived === undefined
          ? {}
          : { archivedAt: archived ? (a.group.archivedAt ?? new Date()) : null }),
      };
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch)) {
        const old = k === "archived" ? a.group.archivedAt !== null : a.group[k as keyof GroupRow];
        if (old !== v) {
          before[k] = old;
          after[k] = v;
        }
      }
      const group = await db.transaction(async (tx) => {
        const g = assertFound(await groupsRepo.update(tx, groupId, set), "group");
        if (Object.keys(after).length > 0)
          await auditRepo.append(tx, { actorId: user.id, action: "group_updated", groupId, before, after });
        return g;
      });
      return presentOne(user, group);
    },

    /** Join (idempotent). Banned users are refused; archived groups cannot be joined. */
    async join(user: AuthUser, groupId: string): Promise<Group> {
      const { group, membership: existing } = assertFound(
        await groupsRepo.withMembership(db, groupId, user.id),
        "group",
      );
      if (group.kind === "direct") {
        if (!existing) throw notFound("group");
        return presentOne(user, group);
      }
      if (group.archivedAt) throw forbidden("This group is archived");
      if (await groupsRepo.isBanned(db, groupId, user.id))
        throw new AppError("BANNED", "You cannot rejoin this group", { groupId });
      const m = existing ?? (await groupsRepo.upsertMember(db, groupId, user.id, "member"));
      if (!existing) {
        joinRooms(user.id, groupId, m.role);
        realtime.emitTo(rooms.user(user.id), "group:membership", { groupId, status: "joined" });
      }
      return presentOne(user, group);
    },

    async leave(user: AuthUser, groupId: string): Promise<Group> {
      const { group } = await access(user, groupId);
      refuseDirect(group);
      const removed = await groupsRepo.deleteMember(db, groupId, user.id);
      if (!removed) throw forbidden("You are not a member of this group");
      leaveRooms(user.id, groupId, { groupId, status: "left" });
      return presentOne(user, group);
    },

    /** Members by pseudonym and badge; `online` respects each member's choice to hide it. */
    async members(user: AuthUser, groupId: string): Promise<Member[]> {
      const a = await access(user, groupId);
      if (!a.canRead) throw forbidden("Join this group to see its members");
      const [list, now] = await Promise.all([groupsRepo.members(db, groupId), presence.compute(groupId)]);
      const online = new Set(now.online.map((m) => m.id));
      return list.map((m) => ({ ...m, online: online.has(m.id) }));
    },

    /** Make a social worker or admin a moderator of the group (joining them if needed). */
    async addModerator(user: AuthUser, groupId: string, targetId: string) {
      const a = await access(user, groupId);
      if (!a.canModerate) throw forbidden("Only this group's moderators can add moderators");
      refuseDirect(a.group);
      const target = await usersRepo.byId(db, targetId);
      if (target?.status !== "active") throw invalid("userId", "no such active account");
      if (target.role !== "social_worker" && target.role !== "admin")
        throw invalid("userId", "only social workers and admins can moderate groups");
      await db.transaction(async (tx) => {
        await groupsRepo.upsertMember(tx, groupId, targetId, "moderator");
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "moderator_added",
          groupId,
          targetUserId: targetId,
        });
      });
      joinRooms(targetId, groupId, "moderator");
      return { member: { id: target.id, displayName: target.displayName, role: "moderator" as const } };
    },

    async markRead(user: AuthUser, groupId: string, seq: number): Promise<{ unreadCount: number }> {
      const m = await groupsRepo.markRead(db, groupId, user.id, seq);
      if (!m) {
        await access(user, groupId);
        throw forbidden("You are not a member of this group");
      }
      const counts = await groupsRepo.unreadCounts(db, user.id, [groupId], GROUP_LIMITS.unreadCountCap);
      return { unreadCount: counts.get(groupId) ?? 0 };
    },
  };
}
export type GroupsService = ReturnType<typeof createGroupsService>;
