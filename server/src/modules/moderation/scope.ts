import { type AnyColumn, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import type { AuthUser } from "../auth/access-token.js";
import { moderatedGroupIds } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";

/** The groups a moderation read covers: every group (admins) or a list. */
export type Scope = "all" | string[];

/**
 * One group (403 unless the caller moderates it), or every group the caller moderates
 * (admins: all groups).
 */
export async function moderationScope(
  db: DbOrTx,
  groups: GroupsService,
  user: AuthUser,
  groupId: string | undefined,
): Promise<Scope> {
  if (groupId) {
    await groups.requireModerator(user, groupId);
    return [groupId];
  }
  if (user.role === "admin") return "all";
  return moderatedGroupIds(db, user.id);
}

/** SQL condition restricting `column` (a group id) to the scope. */
export function inScope(column: AnyColumn, scope: Scope): SQL | undefined {
  if (scope === "all") return undefined;
  return scope.length > 0 ? inArray(column, scope) : sql`false`;
}
