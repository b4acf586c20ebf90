import { z } from "zod";
import { ALL_GROUP_KINDS, GROUP_KINDS, GROUP_TOPICS } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, IsoDateTime, label, queryInt, text } from "./common.js";

/** Named limits of the chat groups, shared by server validation and client forms. */
export const GROUP_LIMITS = {
  /** Slow mode: at most one post per N seconds (0 = off). */
  slowModeMaxSeconds: 3600,
  /** Distinct reporters that hide a message until a moderator decides (0 = never). */
  hideThresholdMax: 50,
  /** Unread counts are exact up to this value; above it the client shows "99+". */
  unreadCountCap: 999,
} as const;

/** A member's role inside one group (the "role badge" other members see). */
export const GROUP_ROLES = ["member", "moderator"] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** How other members see a person: pseudonym and role badge, nothing else. */
export const MemberBriefSchema = z.object({
  id: Id,
  displayName: z.string(),
  role: z.enum(GROUP_ROLES),
});
export type MemberBrief = z.infer<typeof MemberBriefSchema>;

const groupSettings = {
  slowModeSeconds: z.number().int().min(0).max(GROUP_LIMITS.slowModeMaxSeconds),
  hideThreshold: z.number().int().min(0).max(GROUP_LIMITS.hideThresholdMax),
};

export const GroupCreateSchema = z.strictObject({
  name: label(1, LIMITS.groupNameMax),
  description: text(0, LIMITS.groupDescriptionMax).default(""),
  topic: z.enum(GROUP_TOPICS),
  kind: z.enum(GROUP_KINDS).default("discussion"),
  slowModeSeconds: groupSettings.slowModeSeconds.default(0),
  hideThreshold: groupSettings.hideThreshold.default(3),
});
export type GroupCreateInput = z.infer<typeof GroupCreateSchema>;

export const GroupUpdateSchema = z
  .strictObject({
    name: label(1, LIMITS.groupNameMax).optional(),
    description: text(0, LIMITS.groupDescriptionMax).optional(),
    topic: z.enum(GROUP_TOPICS).optional(),
    kind: z.enum(GROUP_KINDS).optional(),
    slowModeSeconds: groupSettings.slowModeSeconds.optional(),
    hideThreshold: groupSettings.hideThreshold.optional(),
    /** true archives (read-only, hidden from browsing); false restores. */
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });
export type GroupUpdateInput = z.infer<typeof GroupUpdateSchema>;

/** The caller's own active mute in a group: the client shows the reason and time left. */
export const MuteInfoSchema = z.object({ until: IsoDateTime, reason: z.string() });
export type MuteInfo = z.infer<typeof MuteInfoSchema>;

/** A group as the caller sees it in the list and after changes. */
export const GroupSchema = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  topic: z.enum(GROUP_TOPICS),
  /** `direct`: a private conversation between a family and its social worker (issue 13). */
  kind: z.enum(ALL_GROUP_KINDS),
  memberCount: z.number().int(),
  isMember: z.boolean(),
  /** The caller's role in the group, or null when not a member. */
  myRole: z.enum(GROUP_ROLES).nullable(),
  /** Messages after the caller's last-read seq (members only; 0 otherwise), capped. */
  unreadCount: z.number().int(),
  lastReadSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** Matches the disability type of one of the caller's children. */
  suggested: z.boolean(),
  slowModeSeconds: z.number().int(),
  hideThreshold: z.number().int(),
  /** The caller's active mute in this group, if any. */
  mute: MuteInfoSchema.nullable(),
  archivedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Group = z.infer<typeof GroupSchema>;

export const GroupListQuery = z.strictObject({
  topic: z.enum(GROUP_TOPICS).optional(),
  /** `true`: only groups I belong to; `false`: only groups I could join. */
  member: z.enum(["true", "false"]).optional(),
  /** Staff only: include archived groups. */
  archived: z.enum(["true", "false"]).optional(),
});
export type GroupListQueryInput = z.infer<typeof GroupListQuery>;

/** A member in the member list, with live presence (false when they hide it). */
export const MemberSchema = MemberBriefSchema.extend({ online: z.boolean() });
export type Member = z.infer<typeof MemberSchema>;

export const AddModeratorSchema = z.strictObject({ userId: Id });
export type AddModeratorInput = z.infer<typeof AddModeratorSchema>;

export const MarkReadSchema = z.strictObject({ seq: z.number().int().min(0) });
export type MarkReadInput = z.infer<typeof MarkReadSchema>;

const READ_COUNT_SEQS_MAX = LIMITS.readCountSeqsMax;

/** `?seqs=12,15,20`: the messages whose read counts a moderator asks for (decision 117). */
export const ReadCountsQuery = z.strictObject({
  seqs: z
    .string()
    .regex(new RegExp(`^\\d{1,15}(,\\d{1,15}){0,${READ_COUNT_SEQS_MAX - 1}}$`), {
      message: "comma-separated message numbers",
    })
    .transform((v) => [...new Set(v.split(",").map(Number))]),
});
export type ReadCountsQueryInput = z.infer<typeof ReadCountsQuery>;

/** How many members (moderators not counted) have read up to each asked message: counts, never names. */
export const ReadCountsSchema = z.object({
  memberCount: z.number().int(),
  counts: z.array(z.object({ seq: z.number().int(), readCount: z.number().int() })),
});
export type ReadCounts = z.infer<typeof ReadCountsSchema>;

/** `{ id, userId }` route params. */
export const GroupUserParams = z.strictObject({ id: Id, userId: Id });

/** History page: newest first by default, `before` for older pages, `after` to read forward. */
export const HistoryQuery = z
  .strictObject({
    before: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
    after: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
    limit: queryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: "use either before or after, not both",
  });
export type HistoryQueryInput = z.infer<typeof HistoryQuery>;

/** Presence of a group: who is online (members who chose to hide it are not counted). */
export const PresenceSchema = z.object({
  groupId: Id,
  onlineCount: z.number().int(),
  online: z.array(MemberBriefSchema),
});
export type Presence = z.infer<typeof PresenceSchema>;
