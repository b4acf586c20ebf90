import type { Ban } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, invalid } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { type GroupRow, groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { loadSanctionTarget } from "./sanction-target.js";
import { sanctionsRepo } from "./sanctions.repo.js";

/** Removals and bans: a removed member may rejoin; a banned one cannot until unbanned. */
export function createSanctionRemovals(deps: Deps, groups: GroupsService) {
  const { db } = deps;

  /** Remove (or ban) inside `tx`; the member's sockets leave and she is told after commit. */
  async function applyRemoval(
    tx: Tx,
    uow: UnitOfWork,
    actor: AuthUser,
    group: GroupRow,
    userId: string,
    reason: string,
    ban: boolean,
  ): Promise<void> {
    const removed = await groupsRepo.deleteMember(tx, group.id, userId);
    if (ban) {
      if (!(await sanctionsRepo.ban(tx, { groupId: group.id, userId, reason, by: actor.id })))
        throw conflict("This user is already banned from the group");
    } else if (!removed) {
      throw invalid("userId", "not a member of this group");
    }
    await auditRepo.append(tx, {
      actorId: actor.id,
      action: ban ? "member_banned" : "member_removed",
      groupId: group.id,
      targetUserId: userId,
      reason,
      before: { member: !!removed },
    });
    const change = { groupId: group.id, status: ban ? ("banned" as const) : ("removed" as const), reason };
    uow.publish({ type: "member.left", userId, groupId: group.id, change, groups });
    if (removed)
      uow.notify({
        userId,
        kind: "removed",
        payload: { groupId: group.id, groupName: group.name, banned: ban, reason },
      });
  }

  return {
    applyRemoval,

    async remove(actor: AuthUser, groupId: string, userId: string, reason: string) {
      const { group } = await loadSanctionTarget(db, groups, actor, groupId, userId);
      await unitOfWork(deps, (tx, uow) => applyRemoval(tx, uow, actor, group, userId, reason, false));
      return { ok: true as const };
    },

    async ban(actor: AuthUser, groupId: string, userId: string, reason: string): Promise<{ ban: Ban }> {
      const { group, user } = await loadSanctionTarget(db, groups, actor, groupId, userId);
      await unitOfWork(deps, (tx, uow) => applyRemoval(tx, uow, actor, group, userId, reason, true));
      const row = (await sanctionsRepo.bans(db, groupId)).find((b) => b.ban.userId === userId)!;
      return {
        ban: {
          groupId,
          user: { id: user.id, displayName: user.displayName },
          reason: row.ban.reason,
          createdAt: row.ban.createdAt.toISOString(),
        },
      };
    },

    async unban(actor: AuthUser, groupId: string, userId: string, reason: string | undefined) {
      await groups.requireModerator(actor, groupId);
      await db.transaction(async (tx) => {
        const ban = await sanctionsRepo.unban(tx, groupId, userId);
        if (!ban) throw conflict("This user is not banned from the group");
        await auditRepo.append(tx, {
          actorId: actor.id,
          action: "member_unbanned",
          groupId,
          targetUserId: userId,
          reason: reason ?? null,
          before: { reason: ban.reason },
        });
      });
      return { ok: true as const };
    },

    async listBans(actor: AuthUser, groupId: string): Promise<{ bans: Ban[] }> {
      await groups.requireModerator(actor, groupId);
      const rows = await sanctionsRepo.bans(db, groupId);
      return {
        bans: rows.map((r) => ({
          groupId,
          user: { id: r.ban.userId, displayName: r.displayName },
          reason: r.ban.reason,
          createdAt: r.ban.createdAt.toISOString(),
        })),
      };
    },
  };
}
