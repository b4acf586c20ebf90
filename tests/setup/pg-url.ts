import pg from "pg";
import { pause } from "./until.js";

/** The same server URL pointing at another database. */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Drop a test database on the server at `adminUrl`, ending whatever is still connected to it.
 *
 * `WITH (FORCE)` terminates the other sessions, but only those the caller may signal: for a role
 * that is neither superuser nor in `pg_signal_backend` it refuses with 42501 when an autovacuum
 * worker happens to be in the database (a worker has no role, so no one but those two may end
 * it). A plain `DROP DATABASE` handles exactly that case itself: it asks autovacuum workers to
 * stop and waits for them. So on 42501 the plain form is tried, and a database still in use
 * (55006: a session or worker on its way out) is tried again with FORCE after a pause.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    let force = true;
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}${force ? " WITH (FORCE)" : ""}`);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 20 || (code !== "42501" && code !== "55006")) throw err;
        // A plain DROP after 42501; FORCE again after 55006, in case one of our own sessions remains.
        force = code === "55006";
        if (force) await pause(250);
      }
    }
  } finally {
    await admin.end();
  }
}
