-- Hand-written (printed by scripts/search-fold-sql.ts --windows): newest windows first, decision 113.
-- The index also holds one window token per message: '~', the first 8 hex digits of its group and
-- seq >> 12, so a query can ask the index for its matches among a group's newest seqs only.
CREATE OR REPLACE FUNCTION cc_search_vector(t text, g uuid, s bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
  SELECT coalesce(array_to_tsvector(array_agg(tok)), ''::tsvector)
  FROM (
    SELECT substr(m.a[1], i, 2) AS tok
    FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[\u3400-\u9fff\uf900-\ufaff]+', 'g') AS m(a),
         generate_series(1, char_length(m.a[1])) AS i
    UNION ALL
    SELECT w[1] FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[0-9a-z\u00df-\u024f]+', 'g') AS w
    UNION ALL
    SELECT '~' || left(g::text, 8) || (s >> 12)::text
  ) toks
$fn$;
--> statement-breakpoint
DROP INDEX IF EXISTS "messages_search_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_search_idx" ON "messages" USING gin (cc_search_vector("body", "group_id", "seq"))
  WHERE "deleted_at" IS NULL AND "purged_at" IS NULL;
