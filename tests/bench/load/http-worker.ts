/**
 * Load generator process for HTTP: fires a burst of requests all at once (booking storm) or a
 * sequence one after another (history pages), timing each. Driven by the parent over IPC.
 */
import { Agent, request } from "node:http";
import { serveCommands } from "../lib/processes.js";
import { nowMs } from "../lib/stats.js";

/** One request to make. */
export interface HttpCall {
  method: "GET" | "POST";
  path: string;
  token: string;
  body?: unknown;
  /** Groups results (e.g. which history page). */
  label?: string;
  /** Another server to send this one to (multi-node runs); default: the command's `url`. */
  url?: string;
}

/** What one request answered, and how long it took. */
export interface HttpOutcome {
  label?: string;
  status: number;
  /** `error.code` of an error body, or `booking.status` of a booking answer. */
  code?: string;
  ms: number;
}

/** Every outcome of a burst and its wall time (first request sent to last answer). */
export interface BurstResult {
  outcomes: HttpOutcome[];
  elapsedMs: number;
}

const agent = new Agent({
  keepAlive: true,
  maxSockets: Number.POSITIVE_INFINITY,
  maxFreeSockets: Number.POSITIVE_INFINITY,
});

function call(base: URL, c: HttpCall): Promise<HttpOutcome> {
  const payload = c.body === undefined ? undefined : Buffer.from(JSON.stringify(c.body));
  const started = nowMs();
  return new Promise((resolve) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: c.path,
        method: c.method,
        agent,
        headers: {
          authorization: `Bearer ${c.token}`,
          ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => {
          const ms = nowMs() - started;
          let code: string | undefined;
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
              error?: { code?: string };
              booking?: { status?: string };
            };
            code = json.error?.code ?? json.booking?.status;
          } catch {
            code = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            ms,
            ...(code ? { code } : {}),
            ...(c.label ? { label: c.label } : {}),
          });
        });
      },
    );
    req.on("error", (err) =>
      resolve({
        status: 0,
        code: err.message,
        ms: nowMs() - started,
        ...(c.label ? { label: c.label } : {}),
      }),
    );
    if (payload) req.write(payload);
    req.end();
  });
}

/** Open `n` keep-alive connections first, so a burst measures requests and not TCP setup. */
async function warmConnections(base: URL, n: number, token: string): Promise<void> {
  await Promise.all(Array.from({ length: n }, () => call(base, { method: "GET", path: "/healthz", token })));
}

serveCommands({
  /** Open as many keep-alive connections to each server as the burst will send it requests. */
  async warm(p: { url: string; calls: HttpCall[] }): Promise<void> {
    const perServer = new Map<string, number>();
    for (const c of p.calls) perServer.set(c.url ?? p.url, (perServer.get(c.url ?? p.url) ?? 0) + 1);
    const token = p.calls[0]?.token ?? "";
    for (const [url, count] of perServer) await warmConnections(new URL(url), count, token);
  },
  /** Send every call at once; answers each outcome and the wall time of the whole burst. */
  async burst(p: { url: string; calls: HttpCall[] }): Promise<BurstResult> {
    const bases = new Map<string, URL>();
    for (const c of p.calls) bases.set(c.url ?? p.url, new URL(c.url ?? p.url));
    const started = nowMs();
    const outcomes = await Promise.all(p.calls.map((c) => call(bases.get(c.url ?? p.url)!, c)));
    return { outcomes, elapsedMs: nowMs() - started };
  },
  async sequence(p: { url: string; calls: HttpCall[] }): Promise<HttpOutcome[]> {
    const base = new URL(p.url);
    const out: HttpOutcome[] = [];
    for (const c of p.calls) out.push(await call(base, c));
    return out;
  },
});
