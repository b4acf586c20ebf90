-- Hand-written (printed by scripts/search-fold-sql.ts): message search, decision 113.
-- Runs on PostgreSQL 15 and PGlite alike; every function is immutable so it can be indexed.
-- Folded text: compatibility forms (full-width Latin) and lower case. Traditional/simplified
-- variants are handled on the query side (decision 113), which keeps the index cheap to build.
CREATE OR REPLACE FUNCTION cc_search_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$ SELECT lower(normalize(t, NFKC)) $fn$;
--> statement-breakpoint
-- Index tokens: every pair of neighbouring Han characters, the last character of each Han run
-- (so a lone character is found as a prefix), and every Latin word or number.
CREATE OR REPLACE FUNCTION cc_search_vector(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
  SELECT coalesce(array_to_tsvector(array_agg(tok)), ''::tsvector)
  FROM (
    SELECT substr(m.a[1], i, 2) AS tok
    FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[\u3400-\u9fff\uf900-\ufaff]+', 'g') AS m(a),
         generate_series(1, char_length(m.a[1])) AS i
    UNION ALL
    SELECT w[1] FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[0-9a-z\u00df-\u024f]+', 'g') AS w
  ) toks
$fn$;
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
    FROM regexp_matches(lower(normalize(q, NFKC)), '[\u3400-\u9fff\uf900-\ufaff]+', 'g') AS m(a),
         generate_series(1, greatest(char_length(m.a[1]) - 1, 1)) AS i
    UNION ALL
    SELECT '''' || w[1] || ''':*' FROM regexp_matches(lower(normalize(q, NFKC)), '[0-9a-z\u00df-\u024f]+', 'g') AS w
  ) terms
$fn$;
--> statement-breakpoint
-- The exact test of a candidate, in two parts that need no index: every Han run of the query as a
-- substring (LIKE patterns) and every Latin word as the start of a word (regular expressions).
CREATE OR REPLACE FUNCTION cc_search_likes(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT coalesce(array_agg('%' || m[1] || '%'), '{}')
  FROM regexp_matches(lower(normalize(q, NFKC)), '[\u3400-\u9fff\uf900-\ufaff]+', 'g') AS m
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cc_search_words(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT coalesce(array_agg('(^|[^0-9a-z\u00df-\u024f])' || m[1]), '{}')
  FROM regexp_matches(lower(normalize(q, NFKC)), '[0-9a-z\u00df-\u024f]+', 'g') AS m
$fn$;
--> statement-breakpoint
-- Live messages only: a deleted or purged body leaves the index with the row's update.
CREATE INDEX IF NOT EXISTS "messages_search_idx" ON "messages" USING gin (cc_search_vector("body"))
  WHERE "deleted_at" IS NULL AND "purged_at" IS NULL;
