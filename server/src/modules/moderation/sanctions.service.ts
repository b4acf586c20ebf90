import type { Deps } from "../../deps.js";
import { forbidden, invalid } from "../../errors.js";
import type { AuthUser } from "../../middlewares/auth.js";
import { auditRepo } from "../audit/audit.repo.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";

/**
 * Sanctions in one group: remove (may rejoin). Only the group's moderators and admins act, never
 * on another moderator; each action is audited in the same transaction and the member's sockets
 * leave the group's rooms right after commit.
 */
export function createSanctionsService(
  deps: Deps,
  groups: GroupsService,
  notifications: NotificationsService,
) {
  const { db } = deps;

  /** The target must be a plain member (moderators are not sanctioned by peers). */
  async function loadTarget(actor: AuthUser, groupId: string, userId: string) {
    const a = await groups.requireModerator(actor, groupId);
    if (userId === actor.id) throw invalid("userId", "you cannot sanction yourself");
    const membership = await groupsRepo.membership(db, groupId, userId);
    if (membership?.role === "moderator") throw forbidden("Moderators cannot be sanctioned here");
    return { group: a.group, membership };
  }

  return {
    loadTarget,

    async remove(actor: AuthUser, groupId: string, userId: string, reason: string): Promise<{ ok: true }> {
      const { group, membership } = await loadTarget(actor, groupId, userId);
      if (!membership) throw invalid("userId", "not a member of this group");
      const notes = await db.transaction(async (tx) => {
        const removed = await groupsRepo.deleteMember(tx, groupId, userId);
        if (!removed) throw invalid("userId", "not a member of this group");
        await auditRepo.append(tx, {
          actorId: actor.id,
          action: "member_removed",
          groupId,
          targetUserId: userId,
          reason,
        });
        return notifications.store(tx, [
          { userId, kind: "removed", payload: { groupId, groupName: group.name, banned: false, reason } },
        ]);
      });
      groups.leaveRooms(userId, groupId, { groupId, status: "removed", reason });
      notifications.push(notes);
      return { ok: true };
    },
  };
}
export type SanctionsService = ReturnType<typeof createSanctionsService>;
