import type { SearchHit, SearchPage, SearchQueryInput } from "@carecircle/shared";
import * as OpenCC from "opencc-js";
import type { Deps } from "../../deps.js";
import type { AuthUser } from "../auth/access-token.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { type MessageView, messagesRepo } from "../messages/messages.repo.js";
import { type SearchPosition, type SearchScope, searchRepo } from "./search.repo.js";
import { windowSteps } from "./search-windows.js";

/** Positions sorted newest first (creation time, then id, both descending), without repeats. */
function newestFirst(positions: SearchPosition[]): SearchPosition[] {
  const unique = [...new Map(positions.map((p) => [p.id, p])).values()];
  return unique.sort((a, b) => {
    const t = BigInt(b.micros) - BigInt(a.micros);
    return t !== 0n ? (t > 0n ? 1 : -1) : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
  });
}

/** `<micros>.<id>` <-> position; the shape is checked by the shared `SearchCursor` schema. */
const encodeCursor = (p: SearchPosition): string => `${p.micros}.${p.id}`;
function decodeCursor(cursor: string | undefined): SearchPosition | undefined {
  if (!cursor) return undefined;
  const dot = cursor.indexOf(".");
  return { micros: cursor.slice(0, dot), id: cursor.slice(dot + 1) };
}

/** After this many window steps without a single match, the rest is read through the index whole. */
const RARE_AFTER_STEP = 1;

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });

/** The query as typed, in simplified and in traditional characters (distinct). */
export function scriptVariants(q: string): string[] {
  return [...new Set([q, toSimplified(q), toTraditional(q)])];
}

/**
 * Message search (issue 17 §5, decision 113). Members search every group and private
 * conversation they belong to, moderators also find messages hidden by reports in the groups
 * they moderate; with `groupId`, one group the caller may read (admins: any but private ones).
 * Deleted, purged and (for members) hidden messages never match.
 */
export function createSearchService(deps: Deps, groups: GroupsService) {
  const { db } = deps;

  async function scopeOf(user: AuthUser, groupId: string | undefined): Promise<SearchScope> {
    if (groupId) {
      const a = await groups.requireReader(user, groupId);
      return { groupIds: [groupId], moderated: a.canModerate ? [groupId] : [] };
    }
    const memberships = await groupsRepo.membershipsOf(db, user.id);
    return {
      groupIds: memberships.map((m) => m.groupId),
      moderated: memberships.filter((m) => m.role === "moderator").map((m) => m.groupId),
    };
  }

  /** Hits with their neighbours, each presented as its group's audience sees it. */
  async function present(scope: SearchScope, rows: MessageView["row"][]): Promise<SearchHit[]> {
    const near = await searchRepo.neighbours(
      db,
      scope,
      rows.map((r) => r.id),
    );
    const extra = [...near.values()].flatMap((n) => [n.before, n.after]).filter((x): x is string => !!x);
    const views = await messagesRepo.views(db, [...rows, ...(await searchRepo.rowsByIds(db, extra))]);
    const byId = new Map(views.map((v) => [v.row.id, v]));
    const groupRows = await searchRepo.groupsByIds(db, [...new Set(rows.map((r) => r.groupId))]);
    const groupById = new Map(groupRows.map((g) => [g.id, g]));
    const show = (id: string | null | undefined) => {
      const v = id ? byId.get(id) : undefined;
      return v ? presentMessage(v, scope.moderated.includes(v.row.groupId) ? "moderator" : "member") : null;
    };
    return rows.map((r) => ({
      message: show(r.id)!,
      before: show(near.get(r.id)?.before),
      after: show(near.get(r.id)?.after),
      group: groupById.get(r.groupId)!,
    }));
  }

  /**
   * Newest first (decision 113): the index is asked for matches among each group's newest windows,
   * widening, until a page is certain; what the windows cannot settle is read through the index
   * whole (a rare word: few matches).
   */
  async function find(scope: SearchScope, variants: string[], from: SearchPosition | undefined, n: number) {
    let found: SearchPosition[] = [];
    const steps = windowSteps(await searchRepo.tops(db, scope.groupIds));
    for (const [i, step] of steps.entries()) {
      const more = await searchRepo.windowed(db, scope, variants, from, n, step.tokens);
      found = newestFirst([...found, ...more]).slice(0, n);
      if (step.openFrom.length === 0) return found;
      // Nothing in the newest ~40,000 messages: a rare word, whose few matches the index reads whole.
      if (found.length === 0 && i >= RARE_AFTER_STEP) break;
      if (found.length < n) continue;
      const edge = await searchRepo.edge(db, step.openFrom);
      if (edge === null || found.every((p) => BigInt(p.micros) >= BigInt(edge))) return found;
    }
    return searchRepo.indexed(db, scope, variants, from, n);
  }

  return {
    /** One page of matches, newest first; `nextCursor` continues after its last hit. */
    async messages(user: AuthUser, q: SearchQueryInput): Promise<SearchPage> {
      const scope = await scopeOf(user, q.groupId);
      if (scope.groupIds.length === 0) return { hits: [], nextCursor: null };
      const found = await find(scope, scriptVariants(q.q), decodeCursor(q.cursor), q.limit + 1);
      const page = found.slice(0, q.limit);
      const rows = await searchRepo.rowsByIds(
        db,
        page.map((p) => p.id),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const hits = await present(
        scope,
        page.map((p) => byId.get(p.id)).filter((r) => r !== undefined),
      );
      const last = page.at(-1);
      return { hits, nextCursor: found.length > q.limit && last ? encodeCursor(last) : null };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
