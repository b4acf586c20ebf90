import pg from "pg";

/** How often PostgreSQL backends of one database were seen in each state/wait event. */
export type WaitProfile = Record<string, number>;

/** A running sampler; `stop()` answers the share (0..1) of samples per "state: wait event". */
export interface WaitSampler {
  stop(): Promise<WaitProfile>;
}

/**
 * Sample pg_stat_activity of `database` every `intervalMs` (one connection of its own), counting
 * each non-idle backend's wait event: evidence of whether time goes to locks, WAL flushes or the
 * client (a backend "idle in transaction" waits for the server process to send its next query).
 */
export async function sampleWaits(url: string, database: string, intervalMs = 50): Promise<WaitSampler> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts: WaitProfile = {};
  let total = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ k: string; n: string }>(
        `SELECT state || ': ' || coalesce(wait_event_type || '/' || wait_event, 'on CPU') AS k, count(*) AS n
         FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid() GROUP BY 1`,
        [database],
      );
      for (const r of rows) {
        counts[r.k] = (counts[r.k] ?? 0) + Number(r.n);
        total += Number(r.n);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await client.end();
      const out: WaitProfile = {};
      for (const [k, v] of Object.entries(counts)) out[k] = total > 0 ? v / total : 0;
      return out;
    },
  };
}

/** The top entries of a wait profile as "40% active: LWLock/WALWrite, ...". */
export function describeWaits(p: WaitProfile | undefined, top = 3): string {
  if (!p || Object.keys(p).length === 0) return "-";
  return Object.entries(p)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${Math.round(v * 100)}% ${k}`)
    .join(", ");
}
