import { z } from "zod";
import { Id, IsoDateTime, queryInt, text } from "./common.js";
import { GROUP_ROLES } from "./groups.js";

/** How many times something happened to a member in one group, and when it last did. */
export const HistoryCountSchema = z.object({ count: z.number().int(), lastAt: IsoDateTime.nullable() });
export type HistoryCount = z.infer<typeof HistoryCountSchema>;

/**
 * A message author's record in one group, for the moderator deciding on a report: reports against
 * their other messages, mutes, removals and bans (counted from the audit log, so lifted ones count).
 */
export const AuthorHistorySchema = z.object({
  reports: HistoryCountSchema,
  mutes: HistoryCountSchema,
  removals: HistoryCountSchema,
  bans: HistoryCountSchema,
});
export type AuthorHistory = z.infer<typeof AuthorHistorySchema>;

export const MEMBER_PAGE_MAX = 50;

/** `GET /api/groups/:id/moderation/members`: search by display name, paged by offset. */
export const ModerationMembersQuery = z.strictObject({
  q: text(0, 50).optional(),
  offset: queryInt(0, 100_000).default(0),
  limit: queryInt(1, MEMBER_PAGE_MAX).default(20),
});
export type ModerationMembersInput = z.infer<typeof ModerationMembersQuery>;

/** One member as the group's moderators see them: role, since when, and an active mute. */
export const ModeratedMemberSchema = z.object({
  id: Id,
  displayName: z.string(),
  role: z.enum(GROUP_ROLES),
  joinedAt: IsoDateTime,
  mutedUntil: IsoDateTime.nullable(),
});
export type ModeratedMember = z.infer<typeof ModeratedMemberSchema>;

export const ModeratedMemberPageSchema = z.object({
  members: z.array(ModeratedMemberSchema),
  /** Members matching the search in all. */
  total: z.number().int(),
  hasMore: z.boolean(),
});
export type ModeratedMemberPage = z.infer<typeof ModeratedMemberPageSchema>;
