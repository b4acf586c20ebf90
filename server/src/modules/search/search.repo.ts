import { and, desc, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { groups, messages } from "../../db/schema/index.js";
import type { MessageRow } from "../messages/messages.repo.js";
import type { GroupTop, WindowStep } from "./search-windows.js";

/** Which groups a search reads, and in which of them hidden messages are shown too. */
export interface SearchScope {
  groupIds: string[];
  moderated: string[];
}

/** A position in the newest-first order: creation time in microseconds, then message id. */
export interface SearchPosition {
  micros: string;
  id: string;
}

/** A live message the scope may see: not deleted or purged, hidden only where moderated. */
function visibleIn(scope: SearchScope): SQL {
  const shown = scope.moderated.length
    ? or(isNull(messages.hiddenAt), inArray(messages.groupId, scope.moderated))
    : isNull(messages.hiddenAt);
  return and(
    inArray(messages.groupId, scope.groupIds),
    isNull(messages.deletedAt),
    isNull(messages.purgedAt),
    shown,
  )!;
}

/** The exact test of a folded body against any of the query's variants (no index needed). */
function matchesAny(body: SQL, variants: string[]): SQL {
  const one = (v: string) =>
    sql`(cc_search_fold(${body}) like all (cc_search_likes(${v}::text)) and cc_search_fold(${body}) ~ all (cc_search_words(${v}::text)))`;
  return sql`(${sql.join(variants.map(one), sql` or `)})`;
}

/**
 * The index condition: the tokens of any variant, within the given windows if any (the GIN index
 * answers this; its expression is `cc_search_vector(body, group_id, seq)`).
 */
function tokensOfAny(variants: string[], windows?: SQL): SQL {
  const q = sql.join(
    variants.map((v) => sql`cc_search_query(${v}::text)`),
    sql` || `,
  );
  const within = windows ? sql`(${q}) && ${windows}` : q;
  return sql`cc_search_vector(${messages.body}, ${messages.groupId}, ${messages.seq}) @@ (${within})`;
}

/** Matches through the index (within `windows` if given), checked exactly, newest first. */
async function matchesNewestFirst(
  db: DbOrTx,
  scope: SearchScope,
  variants: string[],
  from: SearchPosition | undefined,
  limit: number,
  windows?: SQL,
): Promise<SearchPosition[]> {
  const rows = await db
    .select({
      id: messages.id,
      micros: sql<string>`((extract(epoch from ${messages.createdAt}) * 1000000)::bigint)::text`,
    })
    .from(messages)
    .where(
      and(
        visibleIn(scope),
        tokensOfAny(variants, windows),
        matchesAny(sql`${messages.body}`, variants),
        after(from),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.map((r) => positionOf(r.micros, r.id));
}

const uuids = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;

/** Strictly after `from` in the newest-first order. */
const after = (from: SearchPosition | undefined): SQL | undefined =>
  from
    ? sql`(${messages.createdAt}, ${messages.id}) < (timestamptz 'epoch' + ${from.micros}::bigint * interval '1 microsecond', ${from.id}::uuid)`
    : undefined;

const positionOf = (micros: unknown, id: unknown): SearchPosition => ({
  micros: String(micros),
  id: String(id),
});

/**
 * Message search (migrations `message_search` and `message_search_windows`, decision 113): SQL
 * functions `cc_search_*` fold and tokenise bodies and queries the same way, and the GIN expression
 * index on the body follows every edit, delete and purge by itself. Answers are ids newest first;
 * `variants` are the query as typed and in the other script (traditional/simplified).
 */
export const searchRepo = {
  /** Each group's newest seq. */
  async tops(db: DbOrTx, groupIds: string[]): Promise<GroupTop[]> {
    const rows = await db
      .select({ groupId: groups.id, lastSeq: groups.lastSeq })
      .from(groups)
      .where(inArray(groups.id, groupIds));
    return rows.map((r) => ({ groupId: r.groupId, lastSeq: Number(r.lastSeq) }));
  },

  /** The newest `limit` matches (after `from`) among the messages of the index's window `tokens`. */
  async windowed(
    db: DbOrTx,
    scope: SearchScope,
    variants: string[],
    from: SearchPosition | undefined,
    limit: number,
    tokens: string[],
  ): Promise<SearchPosition[]> {
    const windows = sql`(select string_agg(quote_literal(t), ' | ')::tsquery from unnest(${sql`array[${sql.join(
      tokens.map((t) => sql`${t}`),
      sql`, `,
    )}]::text[]`}) t)`;
    return matchesNewestFirst(db, scope, variants, from, limit, windows);
  },

  /**
   * The creation time (µs) below which a step may have missed matches: the newest of the first
   * messages it reached in the groups it did not finish. Null when every group was finished.
   */
  async edge(db: DbOrTx, openFrom: WindowStep["openFrom"]): Promise<string | null> {
    if (openFrom.length === 0) return null;
    const firsts = openFrom.map(
      (o) => sql`(select m.created_at from messages m
                  where m.group_id = ${o.groupId}::uuid and m.seq >= ${o.seq} order by m.seq limit 1)`,
    );
    const rows = await queryRows<{ micros: string | null }>(
      db,
      sql`select ((extract(epoch from greatest(${sql.join(firsts, sql`, `)})) * 1000000)::bigint)::text as micros`,
    );
    return rows[0]?.micros ?? null;
  },

  /** Every match through the index, newest first: what the windows did not settle. */
  async indexed(
    db: DbOrTx,
    scope: SearchScope,
    variants: string[],
    from: SearchPosition | undefined,
    limit: number,
  ): Promise<SearchPosition[]> {
    return matchesNewestFirst(db, scope, variants, from, limit);
  },

  /** For each hit, the ids of the nearest message before and after it that the scope may see. */
  async neighbours(
    db: DbOrTx,
    scope: SearchScope,
    hitIds: string[],
  ): Promise<Map<string, { before: string | null; after: string | null }>> {
    if (hitIds.length === 0) return new Map();
    const moderated = uuids(scope.moderated);
    const near = (cmp: SQL, order: SQL) => sql`(
      select n.id from messages n
      where n.group_id = h.group_id and n.seq ${cmp} h.seq
        and n.deleted_at is null and n.purged_at is null
        and (n.hidden_at is null or n.group_id = any(${moderated}))
      order by n.seq ${order} limit 1)`;
    const rows = await queryRows<{ id: string; before: string | null; after: string | null }>(
      db,
      sql`select h.id, ${near(sql`<`, sql`desc`)} as before, ${near(sql`>`, sql`asc`)} as after
          from messages h
          where h.id = any(${uuids(hitIds)})`,
    );
    return new Map(rows.map((r) => [String(r.id), { before: r.before, after: r.after }]));
  },

  async rowsByIds(db: DbOrTx, ids: string[]): Promise<MessageRow[]> {
    if (ids.length === 0) return [];
    return db.select().from(messages).where(inArray(messages.id, ids));
  },

  async groupsByIds(db: DbOrTx, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ id: groups.id, name: groups.name, kind: groups.kind })
      .from(groups)
      .where(inArray(groups.id, ids));
  },
};
