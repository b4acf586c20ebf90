import type { Group } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, assertFound, forbidden, invalid, notFound } from "../../errors.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { usersRepo } from "../users/users.repo.js";
import { type GroupCore, refuseDirect } from "./group-access.js";
import { groupsRepo } from "./groups.repo.js";

/** Who is in a group: joining, leaving, and adding moderators. */
export function createGroupMembership(deps: Deps, core: GroupCore) {
  const { db, realtime } = deps;
  const { access, presentOne, joinRooms, leaveRooms } = core;
  return {
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
  };
}
