import type { Group, GroupKind, GroupRole, GroupTopic } from "@carecircle/shared";
import type { GroupRow, MuteRow } from "./groups.repo.js";

/** What the caller's own relation to a group adds to its DTO. */
export interface GroupPersonal {
  memberCount: number;
  role: GroupRole | null;
  lastReadSeq: number;
  unreadCount: number;
  suggested: boolean;
  mute: MuteRow | undefined;
}

/** row -> DTO for the caller (membership, unread count and mute are the caller's own). */
export function presentGroup(g: GroupRow, p: GroupPersonal): Group {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    topic: g.topic as GroupTopic,
    kind: g.kind as GroupKind,
    memberCount: p.memberCount,
    isMember: p.role !== null,
    myRole: p.role,
    unreadCount: p.role ? p.unreadCount : 0,
    lastReadSeq: p.role ? p.lastReadSeq : 0,
    lastSeq: g.lastSeq,
    suggested: p.suggested,
    slowModeSeconds: g.slowModeSeconds,
    hideThreshold: g.hideThreshold,
    mute: p.mute ? { until: p.mute.until.toISOString(), reason: p.mute.reason } : null,
    archivedAt: g.archivedAt?.toISOString() ?? null,
    createdAt: g.createdAt.toISOString(),
  };
}
