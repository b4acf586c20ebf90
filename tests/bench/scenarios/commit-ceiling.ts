import pg from "pg";
import { databaseUrlFor } from "../../setup/pg-url.js";
import type { BenchDatabase } from "../lib/database.js";
import { seedCaregivers, seedGroup, seedSocialWorker } from "../seed/accounts.js";

/** Committed single-message inserts per second straight on PostgreSQL, no application in between. */
export interface CommitCeiling {
  clients: number;
  seconds: number;
  oneGroupPerSec: number;
  manyGroupsPerSec: number;
}

/** The shape of a send: take the group's next seq under its row lock and insert, one autocommit statement. */
const INSERT = `WITH grp AS (
    UPDATE groups SET last_seq = last_seq + 1, change_seq = change_seq + 1 WHERE id = $1
    RETURNING id, last_seq, change_seq)
  INSERT INTO messages (group_id, seq, client_id, sender_id, body, change_seq)
  SELECT id, last_seq, gen_random_uuid(), $2, 'commit ceiling probe', change_seq FROM grp`;

async function hammer(
  url: string,
  groupOf: (client: number) => string,
  senderId: string,
  clients: number,
  ms: number,
): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let done = 0;
  const until = performance.now() + ms;
  await Promise.all(
    conns.map(async (c, i) => {
      while (performance.now() < until) {
        await c.query(INSERT, [groupOf(i), senderId]);
        done += 1;
      }
    }),
  );
  await Promise.all(conns.map((c) => c.end()));
  return done / (ms / 1000);
}

/**
 * How many durable message inserts per second PostgreSQL on this machine commits for ONE group
 * (every insert takes the group's row lock and holds it through its WAL flush, so they queue)
 * versus spread over as many groups as clients (flushes overlap and are shared).
 */
export async function measureCommitCeiling(
  db: BenchDatabase,
  clients = 20,
  ms = 3000,
): Promise<CommitCeiling | undefined> {
  if (!db.server) return undefined;
  const sql = await db.open();
  const tag = `ceiling-${process.pid}`;
  const [carer] = await seedCaregivers(sql, tag, 1);
  const moderator = await seedSocialWorker(sql, tag);
  const groups: string[] = [];
  for (let i = 0; i < clients; i++) groups.push(await seedGroup(sql, `Ceiling ${i}`, moderator, [carer!.id]));
  const url = databaseUrlFor(db.server.adminUrl, db.server.database);
  const one = await hammer(url, () => groups[0]!, carer!.id, clients, ms);
  const many = await hammer(url, (i) => groups[i]!, carer!.id, clients, ms);
  return { clients, seconds: ms / 1000, oneGroupPerSec: one, manyGroupsPerSec: many };
}
