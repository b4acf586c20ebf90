import type { DbOrTx } from "../../db/client.js";
import { forbidden, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { usersRepo } from "../users/users.repo.js";

/**
 * Whom a moderator may sanction in a group: the actor moderates it (403 otherwise), the target
 * exists, is not the actor and is not a moderator of the group. Answers the group, the target's
 * membership (if any) and the target.
 */
export async function loadSanctionTarget(
  db: DbOrTx,
  groups: GroupsService,
  actor: AuthUser,
  groupId: string,
  userId: string,
) {
  const a = await groups.requireModerator(actor, groupId);
  groups.refuseDirect(a.group);
  if (userId === actor.id) throw invalid("userId", "you cannot sanction yourself");
  const user = await usersRepo.byId(db, userId);
  if (!user) throw notFound("user");
  const membership = await groupsRepo.membership(db, groupId, userId);
  if (membership?.role === "moderator") throw forbidden("Moderators cannot be sanctioned here");
  return { group: a.group, membership, user };
}
