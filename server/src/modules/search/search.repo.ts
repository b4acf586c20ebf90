import { and, desc, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { groups, messages } from "../../db/schema/index.js";
import type { MessageRow } from "../messages/messages.repo.js";

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

/** The index condition: the tokens of any variant (the GIN index answers this). */
function tokensOfAny(variants: string[]): SQL {
  const q = sql.join(
    variants.map((v) => sql`cc_search_query(${v}::text)`),
    sql` || `,
  );
  return sql`cc_search_vector(${messages.body}) @@ (${q})`;
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
 * Message search (migration 0006_message_search, decision 113): SQL functions `cc_search_*` fold
 * and tokenise bodies and queries the same way, and the GIN expression index on the body follows
 * every edit, delete and purge by itself. Both strategies answer ids newest first; `variants` are
 * the query as typed and in the other script (traditional/simplified).
 */
export const searchRepo = {
  /**
   * The newest `perGroup` messages of each group (after `from`), tested without the index: fast
   * for common words. `complete` = no group had more messages than that, so the answer is whole;
   * `safe` marks hits newer than every cut-off, which no unread older message can outrank.
   */
  async recent(
    db: DbOrTx,
    scope: SearchScope,
    variants: string[],
    from: SearchPosition | undefined,
    limit: number,
    perGroup: number,
  ): Promise<{ hits: { position: SearchPosition; safe: boolean }[]; complete: boolean }> {
    const after = from
      ? sql`and (m.created_at, m.id) < (timestamptz 'epoch' + ${from.micros}::bigint * interval '1 microsecond', ${from.id}::uuid)`
      : sql``;
    const rows = await queryRows<{
      id: string | null;
      micros: string | null;
      safe: boolean;
      complete: boolean;
    }>(
      db,
      sql`with win as (
            select w.* from unnest(${uuids(scope.groupIds)}) g(id)
            cross join lateral (
              select m.id, m.group_id, m.created_at, m.body, m.hidden_at, m.deleted_at, m.purged_at
              from messages m where m.group_id = g.id ${after}
              order by m.seq desc limit ${perGroup}) w),
          edge as (
            select max(oldest) as safe_from from (
              select min(created_at) as oldest from win group by group_id having count(*) >= ${perGroup}) e)
          select h.id, h.micros, (edge.safe_from is null or h.created_at >= edge.safe_from) as safe,
                 edge.safe_from is null as complete
          from edge left join lateral (
            select win.id, win.created_at, ((extract(epoch from win.created_at) * 1000000)::bigint)::text as micros
            from win
            where win.deleted_at is null and win.purged_at is null and win.body is not null
              and (win.hidden_at is null or win.group_id = any(${uuids(scope.moderated)}))
              and ${matchesAny(sql`win.body`, variants)}
            order by win.created_at desc, win.id desc limit ${limit}) h on true`,
    );
    const complete = rows[0]?.complete === true || String(rows[0]?.complete) === "true";
    const hits = rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        position: positionOf(r.micros, r.id),
        safe: r.safe === true || String(r.safe) === "true",
      }));
    return { hits, complete };
  },

  /**
   * At most `cap` matches through the GIN index in no order, answered newest first: `all` says
   * they were every match (a rare word), so the page is exact; otherwise the word is common.
   */
  async probe(
    db: DbOrTx,
    scope: SearchScope,
    variants: string[],
    from: SearchPosition | undefined,
    limit: number,
    cap: number,
  ): Promise<{ positions: SearchPosition[]; all: boolean }> {
    const capped = db
      .select({ id: messages.id, createdAt: messages.createdAt })
      .from(messages)
      .where(
        and(
          visibleIn(scope),
          tokensOfAny(variants),
          matchesAny(sql`${messages.body}`, variants),
          after(from),
        ),
      )
      .limit(cap + 1)
      .as("capped");
    const rows = await db
      .select({
        id: capped.id,
        micros: sql<string>`((extract(epoch from ${capped.createdAt}) * 1000000)::bigint)::text`,
        total: sql<number>`(count(*) over ())::int`,
      })
      .from(capped)
      .orderBy(desc(capped.createdAt), desc(capped.id))
      .limit(limit);
    return {
      positions: rows.map((r) => positionOf(r.micros, r.id)),
      all: Number(rows[0]?.total ?? 0) <= cap,
    };
  },

  /** Every match through the GIN index, newest first: for words between rare and common. */
  async indexed(
    db: DbOrTx,
    scope: SearchScope,
    variants: string[],
    from: SearchPosition | undefined,
    limit: number,
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
          tokensOfAny(variants),
          matchesAny(sql`${messages.body}`, variants),
          after(from),
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(limit);
    return rows.map((r) => positionOf(r.micros, r.id));
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
