import { type Conversation, GROUP_LIMITS, type OpenConversationInput } from "@carecircle/shared";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { invalid, notFound } from "../../errors.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { familiesRepo } from "../families/families.repo.js";
import type { GroupRow } from "../groups/groups.repo.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { usersRepo } from "../users/users.repo.js";
import { type ConversationRow, conversationsRepo } from "./conversations.repo.js";

/** Conversations as `user` sees them: the people on both sides and the caller's unread count. */
async function present(db: Db, user: AuthUser, rows: ConversationRow[]): Promise<Conversation[]> {
  const familyIds = [...new Set(rows.map((r) => r.group.familyId!))];
  const swIds = rows.flatMap((r) => (r.group.socialWorkerId ? [r.group.socialWorkerId] : []));
  const [people, unread] = await Promise.all([
    conversationsRepo.people(db, familyIds, swIds),
    groupsRepo.unreadCounts(
      db,
      user.id,
      rows.map((r) => r.group.id),
      GROUP_LIMITS.unreadCountCap,
    ),
  ]);
  const brief = (p: { id: string; displayName: string }) => ({ id: p.id, displayName: p.displayName });
  return rows.map(({ group: g, lastReadSeq, lastMessageAt }) => {
    const sw = people.find((p) => p.id === g.socialWorkerId);
    return {
      id: g.id,
      familyId: g.familyId!,
      socialWorker: sw ? brief(sw) : null,
      caregivers: people.filter((p) => p.role === "caregiver" && p.familyId === g.familyId).map(brief),
      unreadCount: unread.get(g.id) ?? 0,
      lastReadSeq,
      lastSeq: g.lastSeq,
      lastMessageAt: lastMessageAt?.toISOString() ?? null,
      createdAt: g.createdAt.toISOString(),
    };
  });
}

/**
 * Private conversations between a family and one of its assigned social workers (decision 075).
 * They are chat groups of kind `direct`, so sending, catch-up, unread counts, read marks and
 * watched-word screening (crisis alerts go to the group's moderator: the social worker) are the
 * group machinery's. Anyone who is not a member is told the conversation does not exist (404).
 */
export function createConversationsService(deps: Deps, groups: GroupsService) {
  const { db, realtime } = deps;

  /** The (family, social worker) pair the caller may open, or 404 NOT_FOUND. */
  async function resolvePair(
    user: AuthUser,
    input: OpenConversationInput,
  ): Promise<{ familyId: string; socialWorkerId: string }> {
    if (user.role === "caregiver") {
      const familyId = user.familyId;
      if (!familyId || (input.familyId && input.familyId !== familyId) || input.userId)
        throw notFound("family");
      const assigned = (await familiesRepo.people(db, [familyId])).socialWorkers.map((s) => s.id);
      if (input.socialWorkerId) {
        if (!assigned.includes(input.socialWorkerId)) throw notFound("social worker");
        return { familyId, socialWorkerId: input.socialWorkerId };
      }
      if (assigned.length === 0) throw notFound("social worker");
      if (assigned.length > 1)
        throw invalid("socialWorkerId", "your family has several social workers: choose one");
      return { familyId, socialWorkerId: assigned[0]! };
    }
    if (input.socialWorkerId) throw invalid("socialWorkerId", "name the family (familyId or userId)");
    let familyId = input.familyId;
    if (input.userId) {
      const target = await usersRepo.byId(db, input.userId);
      familyId = target?.role === "caregiver" ? (target.familyId ?? undefined) : undefined;
      if (!familyId) throw notFound("family");
    }
    if (!familyId) throw invalid("familyId", "name the family (familyId or userId)");
    if (!(await familiesRepo.isAssigned(db, familyId, user.id))) throw notFound("family");
    return { familyId, socialWorkerId: user.id };
  }

  /** After commit: the new members' sockets join the rooms and hear about it. */
  function announce(group: GroupRow, added: { userId: string; role: "member" | "moderator" }[]): void {
    for (const m of added) {
      groups.joinRooms(m.userId, group.id, m.role);
      realtime.emitTo(rooms.user(m.userId), "group:membership", { groupId: group.id, status: "joined" });
    }
  }

  return {
    /** Create or get the conversation of a family and a social worker; idempotent. */
    async open(user: AuthUser, input: OpenConversationInput): Promise<Conversation> {
      const { familyId, socialWorkerId } = await resolvePair(user, input);
      const { group, added } = await db.transaction(async (tx) => {
        const { group, created } = await conversationsRepo.getOrInsert(tx, familyId, socialWorkerId, user.id);
        const added = await conversationsRepo.syncMembers(tx, group);
        if (created)
          await auditRepo.append(tx, {
            actorId: user.id,
            action: "conversation_opened",
            groupId: group.id,
            after: { familyId },
          });
        return { group, added };
      });
      announce(group, added);
      const mine = (await conversationsRepo.listOf(db, user.id)).filter((r) => r.group.id === group.id);
      return (await present(db, user, mine))[0]!;
    },

    /** The caller's conversations, most recent activity first. */
    async list(user: AuthUser): Promise<Conversation[]> {
      return present(db, user, await conversationsRepo.listOf(db, user.id));
    },
  };
}
export type ConversationsService = ReturnType<typeof createConversationsService>;
