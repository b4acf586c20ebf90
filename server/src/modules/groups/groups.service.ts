import type { Deps } from "../../deps.js";
import type { PresenceTracker } from "../../realtime/presence.js";
import { createGroupCore, refuseDirect } from "./group-access.js";
import { createGroupMembership } from "./group-membership.js";
import { createGroupReads } from "./group-reads.js";
import { createGroupSettings } from "./group-settings.js";

export { type GroupAccess, refuseDirect } from "./group-access.js";

/**
 * Groups and memberships. Groups are public to browse (their existence is not secret), so a
 * caller who may not read or moderate one gets 403 FORBIDDEN; unknown groups are 404.
 * Composed of reads, membership and settings over one shared core (decision 100).
 */
export function createGroupsService(deps: Deps, presence: PresenceTracker) {
  const core = createGroupCore(deps, presence);
  return {
    access: core.access,
    presence,
    joinRooms: core.joinRooms,
    leaveRooms: core.leaveRooms,
    refuseDirect,
    ...createGroupReads(deps, core),
    ...createGroupSettings(deps, core),
    ...createGroupMembership(deps, core),
  };
}
export type GroupsService = ReturnType<typeof createGroupsService>;
