import type { AuditAction, AuditEntry } from "@carecircle/shared";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditLog, users } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import { inScope, moderationScope } from "../moderation/scope.js";

const actor = alias(users, "actor");
const target = alias(users, "target");

/**
 * Reading the audit log: social workers see the entries of the groups they moderate, admins see
 * everything. There is no way to change or remove an entry (the database refuses it too).
 */
export function createAuditService({ db }: Deps, groups: GroupsService) {
  return {
    async list(
      user: AuthUser,
      q: { groupId?: string | undefined; before?: number | undefined; limit: number },
    ): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
      const scope = await moderationScope(db, groups, user, q.groupId);
      const conds: (SQL | undefined)[] = [inScope(auditLog.groupId, scope)];
      if (q.before !== undefined) conds.push(lt(auditLog.id, q.before));
      const rows = await db
        .select({ e: auditLog, actorName: actor.displayName, targetName: target.displayName })
        .from(auditLog)
        .leftJoin(actor, eq(actor.id, auditLog.actorId))
        .leftJoin(target, eq(target.id, auditLog.targetUserId))
        .where(and(...conds))
        .orderBy(desc(auditLog.id))
        .limit(q.limit + 1);
      return {
        hasMore: rows.length > q.limit,
        entries: rows.slice(0, q.limit).map(({ e, actorName, targetName }) => ({
          id: e.id,
          action: e.action as AuditAction,
          actor: e.actorId ? { id: e.actorId, displayName: actorName ?? "" } : null,
          targetUser: e.targetUserId ? { id: e.targetUserId, displayName: targetName ?? "" } : null,
          groupId: e.groupId,
          messageId: e.messageId,
          reason: e.reason,
          before: (e.before as Record<string, unknown> | null) ?? null,
          after: (e.after as Record<string, unknown> | null) ?? null,
          createdAt: e.createdAt.toISOString(),
        })),
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
