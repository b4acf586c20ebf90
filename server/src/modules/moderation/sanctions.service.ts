import type { ModeratedMemberPage, ModerationMembersInput } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import { createSanctionMutes } from "./sanction-mutes.js";
import { createSanctionRemovals } from "./sanction-removals.js";
import { loadSanctionTarget } from "./sanction-target.js";
import { sanctionsRepo } from "./sanctions.repo.js";

/**
 * Sanctions in one group: mute (keeps reading, cannot post; expires by itself), remove (may
 * rejoin), ban (removed, cannot rejoin until unbanned). Only the group's moderators and admins
 * act, never on another moderator or themselves. Each action and its audit entry commit together;
 * the member's sockets leave the group's rooms right after commit. Composed of mutes
 * (`sanction-mutes.ts`), removals and bans (`sanction-removals.ts`) and the member list here
 * (decision 100).
 */
export function createSanctionsService(deps: Deps, groups: GroupsService) {
  const { db } = deps;
  return {
    /** The target must exist and not be a moderator of the group. */
    loadTarget: (actor: AuthUser, groupId: string, userId: string) =>
      loadSanctionTarget(db, groups, actor, groupId, userId),
    ...createSanctionMutes(deps, groups),
    ...createSanctionRemovals(deps, groups),

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
  };
}
export type SanctionsService = ReturnType<typeof createSanctionsService>;
