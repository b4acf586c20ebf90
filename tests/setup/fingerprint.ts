import { type DbHandle, queryRows, sql } from "@carecircle/server";

/** A hash of every row of every table: equal before and after a call means nothing changed. */
export async function databaseFingerprint(db: DbHandle["db"]): Promise<string> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts = tables.map(
    (t) =>
      `SELECT '${t.name}' AS t, md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS h FROM "${t.name}" x`,
  );
  const rows = await queryRows<{ t: string; h: string }>(db, sql.raw(parts.join(" UNION ALL ")));
  return rows.map((r) => `${r.t}:${r.h}`).join("|");
}
