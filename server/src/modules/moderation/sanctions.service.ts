import type { Ban, ModeratedMemberPage, ModerationMembersInput, Mute } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { type GroupRow, groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { usersRepo } from "../users/users.repo.js";
import { sanctionsRepo } from "./sanctions.repo.js";

/**
 * Sanctions in one group: mute (keeps reading, cannot post; expires by itself), remove (may
 * rejoin), ban (removed, cannot rejoin until unbanned). Only the group's moderators and admins
 * act, never on another moderator or themselves. Each action and its audit entry commit together;
 * the member's sockets leave the group's rooms right after commit.
 */
export function createSanctionsService(deps: Deps, groups: GroupsService) {
  const { db } = deps;

  /** The target must exist and not be a moderator of the group. */
  async function loadTarget(actor: AuthUser, groupId: string, userId: string) {
    const a = await groups.requireModerator(actor, groupId);
    groups.refuseDirect(a.group);
    if (userId === actor.id) throw invalid("userId", "you cannot sanction yourself");
    const user = await usersRepo.byId(db, userId);
    if (!user) throw notFound("user");
    const membership = await groupsRepo.membership(db, groupId, userId);
    if (membership?.role === "moderator") throw forbidden("Moderators cannot be sanctioned here");
    return { group: a.group, membership, user };
  }

  /** Mute inside `tx`; the member is told after commit. */
  async function applyMute(
    tx: Tx,
    uow: UnitOfWork,
    actor: AuthUser,
    group: GroupRow,
    userId: string,
    minutes: number,
    reason: string,
  ): Promise<Awaited<ReturnType<typeof sanctionsRepo.mute>>> {
    const mute = await sanctionsRepo.mute(tx, { groupId: group.id, userId, minutes, reason, by: actor.id });
    await auditRepo.append(tx, {
      actorId: actor.id,
      action: "member_muted",
      groupId: group.id,
      targetUserId: userId,
      reason,
      after: { minutes, until: mute.until.toISOString() },
    });
    uow.notify({
      userId,
      kind: "muted",
      payload: { groupId: group.id, groupName: group.name, until: mute.until.toISOString(), reason },
    });
    return mute;
  }

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

  const presentMute = (
    m: { id: string; groupId: string; until: Date; reason: string; createdAt: Date },
    user: { id: string; displayName: string },
  ): Mute => ({
    id: m.id,
    groupId: m.groupId,
    user,
    until: m.until.toISOString(),
    reason: m.reason,
    createdAt: m.createdAt.toISOString(),
  });

  return {
    loadTarget,
    applyMute,
    applyRemoval,

    async mute(actor: AuthUser, groupId: string, userId: string, minutes: number, reason: string) {
      const { group, membership, user } = await loadTarget(actor, groupId, userId);
      if (!membership) throw invalid("userId", "not a member of this group");
      const mute = await unitOfWork(deps, (tx, uow) =>
        applyMute(tx, uow, actor, group, userId, minutes, reason),
      );
      return { mute: presentMute(mute, { id: user.id, displayName: user.displayName }) };
    },

    async unmute(actor: AuthUser, groupId: string, userId: string, reason: string | undefined) {
      await loadTarget(actor, groupId, userId);
      await db.transaction(async (tx) => {
        const lifted = await sanctionsRepo.lift(tx, groupId, userId);
        if (lifted.length === 0) throw conflict("This member is not muted");
        await auditRepo.append(tx, {
          actorId: actor.id,
          action: "member_unmuted",
          groupId,
          targetUserId: userId,
          reason: reason ?? null,
          before: { until: lifted[0]!.until.toISOString() },
        });
      });
      return { ok: true as const };
    },

    async remove(actor: AuthUser, groupId: string, userId: string, reason: string) {
      const { group } = await loadTarget(actor, groupId, userId);
      await unitOfWork(deps, (tx, uow) => applyRemoval(tx, uow, actor, group, userId, reason, false));
      return { ok: true as const };
    },

    async ban(actor: AuthUser, groupId: string, userId: string, reason: string): Promise<{ ban: Ban }> {
      const { group, user } = await loadTarget(actor, groupId, userId);
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

    async listMutes(actor: AuthUser, groupId: string): Promise<{ mutes: Mute[] }> {
      await groups.requireModerator(actor, groupId);
      const rows = await sanctionsRepo.activeMutes(db, groupId);
      return {
        mutes: rows.map((r) => presentMute(r.mute, { id: r.mute.userId, displayName: r.displayName })),
      };
    },

    /** The group's members for its moderators, searched by display name and paged. */
    async listMembers(
      actor: AuthUser,
      groupId: string,
      q: ModerationMembersInput,
    ): Promise<ModeratedMemberPage> {
      await groups.requireModerator(actor, groupId);
      const { rows, total } = await sanctionsRepo.members(db, groupId, q.q?.trim() ?? "", q.offset, q.limit);
      return {
        members: rows.map((r) => ({
          id: r.id,
          displayName: r.displayName,
          role: r.role,
          joinedAt: r.joinedAt.toISOString(),
          mutedUntil: r.mutedUntil ? new Date(r.mutedUntil).toISOString() : null,
        })),
        total,
        hasMore: q.offset + rows.length < total,
      };
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
export type SanctionsService = ReturnType<typeof createSanctionsService>;
