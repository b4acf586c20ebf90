/**
 * Prints the SQL of the message search migrations (docs/decisions/113):
 *   pnpm --filter @carecircle/tests exec tsx ../scripts/search-fold-sql.ts            (message_search)
 *   pnpm --filter @carecircle/tests exec tsx ../scripts/search-fold-sql.ts --windows  (message_search_windows)
 * Kept as a script so the Han ranges used by the index and by the queries stay one definition.
 */
const HAN = "[\\u3400-\\u9fff\\uf900-\\ufaff]";
const WORD = "[0-9a-z\\u00df-\\u024f]+";
/**
 * The folding, written out in each function: index builds run with a search_path of pg_catalog
 * only (PostgreSQL 17+), so an indexed function may call built-in functions alone.
 */
const fold = (x: string) => `lower(normalize(${x}, NFKC))`;

/** The index tokens of a body, plus any `extra` token rows (a UNION ALL branch). */
const vectorOf = (extra: string) => `  SELECT coalesce(array_to_tsvector(array_agg(tok)), ''::tsvector)
  FROM (
    SELECT substr(m.a[1], i, 2) AS tok
    FROM regexp_matches(${fold("coalesce(t, '')")}, '${HAN}+', 'g') AS m(a),
         generate_series(1, char_length(m.a[1])) AS i
    UNION ALL
    SELECT w[1] FROM regexp_matches(${fold("coalesce(t, '')")}, '${WORD}', 'g') AS w${extra}
  ) toks
`;

/** One token per message naming its group and its window of 4,096 seqs (`search-windows.ts`). */
const WINDOWS = `-- Hand-written (printed by scripts/search-fold-sql.ts --windows): newest windows first, decision 113.
-- The index also holds one window token per message: '~', the first 8 hex digits of its group and
-- seq >> 12, so a query can ask the index for its matches among a group's newest seqs only.
CREATE OR REPLACE FUNCTION cc_search_vector(t text, g uuid, s bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
${vectorOf(`
    UNION ALL
    SELECT '~' || left(g::text, 8) || (s >> 12)::text`)}$fn$;
--> statement-breakpoint
DROP INDEX IF EXISTS "messages_search_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_search_idx" ON "messages" USING gin (cc_search_vector("body", "group_id", "seq"))
  WHERE "deleted_at" IS NULL AND "purged_at" IS NULL;
`;

const FUNCTIONS = `-- Hand-written (printed by scripts/search-fold-sql.ts): message search, decision 113.
-- Runs on PostgreSQL 15 and PGlite alike; every function is immutable so it can be indexed.
-- Folded text: compatibility forms (full-width Latin) and lower case. Traditional/simplified
-- variants are handled on the query side (decision 113), which keeps the index cheap to build.
CREATE OR REPLACE FUNCTION cc_search_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$ SELECT ${fold("t")} $fn$;
--> statement-breakpoint
-- Index tokens: every pair of neighbouring Han characters, the last character of each Han run
-- (so a lone character is found as a prefix), and every Latin word or number.
CREATE OR REPLACE FUNCTION cc_search_vector(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
${vectorOf("")}$fn$;
--> statement-breakpoint
-- A query as a tsquery: each Han pair exactly, a lone Han character or a Latin word by prefix;
-- every term must match. NULL when the query has nothing to search for.
CREATE OR REPLACE FUNCTION cc_search_query(q text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT string_agg(term, ' & ')::tsquery
  FROM (
    SELECT CASE WHEN char_length(m.a[1]) = 1 THEN '''' || m.a[1] || ''':*'
                ELSE '''' || substr(m.a[1], i, 2) || '''' END AS term
    FROM regexp_matches(${fold("q")}, '${HAN}+', 'g') AS m(a),
         generate_series(1, greatest(char_length(m.a[1]) - 1, 1)) AS i
    UNION ALL
    SELECT '''' || w[1] || ''':*' FROM regexp_matches(${fold("q")}, '${WORD}', 'g') AS w
  ) terms
$fn$;
--> statement-breakpoint
-- The exact test of a candidate, in two parts that need no index: every Han run of the query as a
-- substring (LIKE patterns) and every Latin word as the start of a word (regular expressions).
CREATE OR REPLACE FUNCTION cc_search_likes(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT coalesce(array_agg('%' || m[1] || '%'), '{}')
  FROM regexp_matches(${fold("q")}, '${HAN}+', 'g') AS m
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cc_search_words(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT coalesce(array_agg('(^|[^${WORD.slice(1, -2)}])' || m[1]), '{}')
  FROM regexp_matches(${fold("q")}, '${WORD}', 'g') AS m
$fn$;
--> statement-breakpoint
-- Live messages only: a deleted or purged body leaves the index with the row's update.
CREATE INDEX IF NOT EXISTS "messages_search_idx" ON "messages" USING gin (cc_search_vector("body"))
  WHERE "deleted_at" IS NULL AND "purged_at" IS NULL;
`;

process.stdout.write(process.argv.includes("--windows") ? WINDOWS : FUNCTIONS);
