import type { Mute } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, invalid } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupRow } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { loadSanctionTarget } from "./sanction-target.js";
import { sanctionsRepo } from "./sanctions.repo.js";

/** Mute inside `tx`; the member is told after commit. */
export async function applyMute(
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

function presentMute(
  m: { id: string; groupId: string; until: Date; reason: string; createdAt: Date },
  user: { id: string; displayName: string },
): Mute {
  return {
    id: m.id,
    groupId: m.groupId,
    user,
    until: m.until.toISOString(),
    reason: m.reason,
    createdAt: m.createdAt.toISOString(),
  };
}

/** Mutes: a member keeps reading but cannot post until the mute expires or is lifted. */
export function createSanctionMutes(deps: Deps, groups: GroupsService) {
  const { db } = deps;
  return {
    applyMute,

    async mute(actor: AuthUser, groupId: string, userId: string, minutes: number, reason: string) {
      const { group, membership, user } = await loadSanctionTarget(db, groups, actor, groupId, userId);
      if (!membership) throw invalid("userId", "not a member of this group");
      const mute = await unitOfWork(deps, (tx, uow) =>
        applyMute(tx, uow, actor, group, userId, minutes, reason),
      );
      return { mute: presentMute(mute, { id: user.id, displayName: user.displayName }) };
    },

    async unmute(actor: AuthUser, groupId: string, userId: string, reason: string | undefined) {
      await loadSanctionTarget(db, groups, actor, groupId, userId);
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

    async listMutes(actor: AuthUser, groupId: string): Promise<{ mutes: Mute[] }> {
      await groups.requireModerator(actor, groupId);
      const rows = await sanctionsRepo.activeMutes(db, groupId);
      return {
        mutes: rows.map((r) => presentMute(r.mute, { id: r.mute.userId, displayName: r.displayName })),
      };
    },
  };
}
