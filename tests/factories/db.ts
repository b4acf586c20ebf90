import type { sql } from "@carecircle/server";
import type { TestServer } from "../setup/server.js";

/** Anything that holds the server's database. */
type HasDb = Pick<TestServer, "cc">;
type SQL = ReturnType<typeof sql>;

/**
 * Rows of a raw SQL query on the test server's own database: set-up (moving a clock, planting a
 * row) and assertions on resulting state, never the code under test.
 */
export async function sqlRows<T = Record<string, unknown>>(srv: HasDb, query: SQL): Promise<T[]> {
  const result = (await srv.cc.dbHandle.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The first row of a query; throws when there is none. */
export async function sqlOne<T = Record<string, unknown>>(srv: HasDb, query: SQL): Promise<T> {
  const [row] = await sqlRows<T>(srv, query);
  if (row === undefined) throw new Error("the query returned no row");
  return row;
}

/** A single number (`select count(*) ...`, `select last_seq ...`): the first column of the first row. */
export async function sqlCount(srv: HasDb, query: SQL): Promise<number> {
  return Number(Object.values(await sqlOne<Record<string, unknown>>(srv, query))[0]);
}
