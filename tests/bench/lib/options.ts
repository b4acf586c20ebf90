/** Sizes and durations of one bench run. */
export interface BenchOptions {
  quick: boolean;
  /** A PostgreSQL server to measure on (its admin URL); PGlite only when absent. */
  databaseUrl: string | undefined;
  chat: {
    members: number;
    senders: number;
    /** Offered send rates (messages/s over all senders), tried in order. */
    rates: number[];
    stepMs: number;
    workers: number;
    /** Stop after this many consecutive steps over the latency bound. */
    failuresToStop: number;
  };
  /** `twoNodes`: also run the storm on two server processes sharing one Redis (PostgreSQL only). */
  booking: { families: number; slots: number; seats: number; rounds: number; twoNodes: boolean };
  history: { small: number; large: number; requests: number };
  search: { messages: number; requests: number };
  connections: { sockets: number; groupSize: number; workers: number; concurrencyPerWorker: number };
  /** Photo and voice uploads, `concurrency` in flight (issue 17). */
  media: { photos: number; voices: number; concurrency: number };
}

/** The p99 bound (ms) under which a chat send rate counts as sustainable. */
export const CHAT_P99_BOUND_MS = 150;

/** Full run (about 4 minutes on 2 cores, plus the build) or quick smoke run (about 1 minute), from argv/env. */
export function benchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes("--quick") || env.BENCH_QUICK === "1" || env.BENCH_QUICK === "true";
  const databaseUrl = env.DATABASE_URL || undefined;
  if (quick) {
    return {
      quick,
      databaseUrl,
      chat: { members: 200, senders: 20, rates: [20, 80], stepMs: 2000, workers: 2, failuresToStop: 1 },
      booking: { families: 1000, slots: 20, seats: 10, rounds: 1, twoNodes: false },
      history: { small: 1000, large: 50_000, requests: 100 },
      search: { messages: 50_000, requests: 20 },
      connections: { sockets: 1000, groupSize: 200, workers: 2, concurrencyPerWorker: 25 },
      media: { photos: 10, voices: 50, concurrency: 2 },
    };
  }
  return {
    quick,
    databaseUrl,
    chat: {
      members: 200,
      senders: 20,
      rates: [20, 50, 100, 150, 200, 300, 400, 500, 600, 800],
      stepMs: 5000,
      workers: 2,
      failuresToStop: 2,
    },
    booking: { families: 1000, slots: 20, seats: 10, rounds: 3, twoNodes: true },
    history: { small: 1000, large: 1_000_000, requests: 400 },
    search: { messages: 1_000_000, requests: 100 },
    connections: { sockets: 5000, groupSize: 200, workers: 4, concurrencyPerWorker: 25 },
    media: { photos: 60, voices: 400, concurrency: 4 },
  };
}
