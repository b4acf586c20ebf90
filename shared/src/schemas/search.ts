import { z } from "zod";
import { ALL_GROUP_KINDS } from "../enums.js";
import { Id, queryInt, text } from "./common.js";
import { MessageSchema } from "./messages.js";

/** Named limits of message search. */
export const SEARCH_LIMITS = {
  /** Longest query, in characters after trimming. */
  queryMax: 100,
  pageDefault: 20,
  pageMax: 50,
} as const;

/** Opaque position after the last result of a page: `<created-at microseconds>.<message id>`. */
export const SearchCursor = z
  .string()
  .regex(/^\d{1,17}\.[0-9a-f-]{36}$/, "must be a cursor from an earlier page")
  .refine((s) => z.uuid().safeParse(s.slice(s.indexOf(".") + 1)).success, {
    message: "must be a cursor from an earlier page",
  });

/**
 * `GET /api/search/messages`: every word must match. Han characters are found as substrings
 * (two or more characters, in order), Latin words and numbers by prefix, case-insensitively, and
 * traditional characters find simplified ones. `groupId` limits the search to one group.
 */
export const SearchQuery = z.strictObject({
  q: text(1, SEARCH_LIMITS.queryMax),
  groupId: Id.optional(),
  limit: queryInt(1, SEARCH_LIMITS.pageMax).default(SEARCH_LIMITS.pageDefault),
  /** The `nextCursor` of the page before. */
  cursor: SearchCursor.optional(),
});
export type SearchQueryInput = z.infer<typeof SearchQuery>;

/** One hit: the message, its visible neighbours, and where it lives. */
export const SearchHitSchema = z.object({
  message: MessageSchema,
  /** The nearest visible message before it in the group, if any. */
  before: MessageSchema.nullable(),
  /** The nearest visible message after it in the group, if any. */
  after: MessageSchema.nullable(),
  group: z.object({ id: Id, name: z.string(), kind: z.enum(ALL_GROUP_KINDS) }),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** A page of hits, newest first; `nextCursor` is null on the last page. */
export const SearchPageSchema = z.object({
  hits: z.array(SearchHitSchema),
  nextCursor: SearchCursor.nullable(),
});
export type SearchPage = z.infer<typeof SearchPageSchema>;
