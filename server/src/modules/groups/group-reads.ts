import {
  GROUP_LIMITS,
  type Group,
  type GroupListQueryInput,
  type Member,
  type ReadCounts,
} from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { forbidden, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { type GroupAccess, type GroupCore, refuseDirect } from "./group-access.js";
import { groupsRepo } from "./groups.repo.js";
import { countReaders, readCountsRepo } from "./read-counts.repo.js";

/** Reading groups: access checks for other modules, browsing, one group, its members, read marks. */
export function createGroupReads(deps: Deps, core: GroupCore) {
  const { db } = deps;
  const { access, present, presentOne, presence } = core;
  return {
    /** Readers only (members and admins), else 403. */
    async requireReader(user: AuthUser, groupId: string): Promise<GroupAccess> {
      const a = await access(user, groupId);
      if (!a.canRead) throw forbidden("Join this group to read its messages");
      return a;
    },

    /** Moderators of this group (and admins) only, else 403. */
    async requireModerator(user: AuthUser, groupId: string): Promise<GroupAccess> {
      const a = await access(user, groupId);
      if (!a.canModerate) throw forbidden("Only this group's moderators can do this");
      return a;
    },

    /** Browse: suggested groups (matching my children's disability types) first, then by name. */
    async list(user: AuthUser, q: GroupListQueryInput): Promise<Group[]> {
      const staff = user.role !== "caregiver";
      const rows = await groupsRepo.list(db, {
        topic: q.topic,
        includeArchived: staff && q.archived === "true",
      });
      let out = await present(user, rows);
      if (q.member === "true") out = out.filter((g) => g.isMember);
      if (q.member === "false") out = out.filter((g) => !g.isMember);
      return out.sort((a, b) => Number(b.suggested) - Number(a.suggested));
    },

    async get(user: AuthUser, groupId: string): Promise<Group> {
      const a = await access(user, groupId);
      if (a.group.archivedAt && !a.membership && user.role === "caregiver") throw notFound("group");
      return presentOne(user, a.group);
    },

    /** Members by pseudonym and badge; `online` respects each member's choice to hide it. */
    async members(user: AuthUser, groupId: string): Promise<Member[]> {
      const a = await access(user, groupId);
      if (!a.canRead) throw forbidden("Join this group to see its members");
      const [list, now] = await Promise.all([groupsRepo.members(db, groupId), presence.compute(groupId)]);
      const online = new Set(now.online.map((m) => m.id));
      return list.map((m) => ({ ...m, online: online.has(m.id) }));
    },

    /**
     * How many members have read each message (moderators only; a count, never who). Refused in a
     * private conversation, where a count of one would be a read receipt (decision 117).
     */
    async readCounts(user: AuthUser, groupId: string, seqs: number[]): Promise<ReadCounts> {
      const a = await access(user, groupId);
      refuseDirect(a.group);
      if (!a.canModerate) throw forbidden("Only this group's moderators can see read counts");
      const marks = await readCountsRepo.readMarks(db, groupId);
      return {
        memberCount: marks.reduce((n, m) => n + m.members, 0),
        counts: countReaders(marks, seqs),
      };
    },

    async markRead(user: AuthUser, groupId: string, seq: number): Promise<{ unreadCount: number }> {
      const m = await groupsRepo.markRead(db, groupId, user.id, seq);
      if (!m) {
        await access(user, groupId);
        throw forbidden("You are not a member of this group");
      }
      const counts = await groupsRepo.unreadCounts(db, user.id, [groupId], GROUP_LIMITS.unreadCountCap);
      return { unreadCount: counts.get(groupId) ?? 0 };
    },
  };
}
