import type { Group, GroupCreateInput, GroupUpdateInput } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound, forbidden } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { type GroupCore, refuseDirect } from "./group-access.js";
import { type GroupRow, groupsRepo } from "./groups.repo.js";

/** The changed fields of a group update, before and after, for the audit log. */
function changedFields(group: GroupRow, patch: GroupUpdateInput) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    const old = k === "archived" ? group.archivedAt !== null : group[k as keyof GroupRow];
    if (old !== v) {
      before[k] = old;
      after[k] = v;
    }
  }
  return { before, after };
}

/** Creating a group and changing its settings (audited). */
export function createGroupSettings(deps: Deps, core: GroupCore) {
  const { db } = deps;
  const { access, presentOne, joinRooms } = core;
  return {
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
      const { before, after } = changedFields(a.group, patch);
      const group = await db.transaction(async (tx) => {
        const g = assertFound(await groupsRepo.update(tx, groupId, set), "group");
        if (Object.keys(after).length > 0)
          await auditRepo.append(tx, { actorId: user.id, action: "group_updated", groupId, before, after });
        return g;
      });
      return presentOne(user, group);
    },
  };
}
