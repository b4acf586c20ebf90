import { type ChildProcess, fork, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A server process that printed its listening port. */
export interface ServerProcess {
  pid: number;
  port: number;
  url: string;
  logs: string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** The built CareCircle server entry point. */
export const serverMainJs = fileURLToPath(new URL("../../../server/dist/main.js", import.meta.url));

/** Node flags that let a child process run TypeScript through tsx. */
export const tsxExecArgv = ["--import", import.meta.resolve("tsx")];

/**
 * Spawn `node <args>` with `env` (an `undefined` value removes an inherited variable) and resolve once a log line says it is listening on a port
 * (`"port":N` in a line containing "listening", as CareCircle's pino log and the baseline print).
 */
export function spawnListening(
  args: string[],
  env: Record<string, string | undefined>,
  opts: { timeoutMs?: number; name: string },
): Promise<ServerProcess> {
  const fullEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const proc = spawn(process.execPath, args, { env: fullEnv, stdio: ["ignore", "pipe", "pipe"] });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`${opts.name} did not start:\n${logs.slice(-20).join("\n")}`));
    }, opts.timeoutMs ?? 60_000);
    let buffer = "";
    let started = false;
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (logs.length < 5000) logs.push(line);
        const port = /"port":(\d+)/.exec(line)?.[1];
        if (!started && port && line.includes("listening")) {
          started = true;
          clearTimeout(timer);
          resolve({
            pid: proc.pid!,
            port: Number(port),
            url: `http://127.0.0.1:${port}`,
            logs,
            async stop(graceMs = 10_000) {
              if (proc.exitCode !== null || proc.signalCode !== null) return;
              proc.kill("SIGTERM");
              const kill = setTimeout(() => proc.kill("SIGKILL"), graceMs);
              await exited;
              clearTimeout(kill);
            },
          });
        }
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      if (!started) reject(new Error(`${opts.name} exited before listening:\n${logs.slice(-20).join("\n")}`));
    });
  });
}

/** A message from a worker: the answer to request `id`, or an error. */
interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/** A TypeScript worker process driven by request/response messages over IPC. */
export interface Worker {
  pid: number;
  /** Send a command and wait for its answer. */
  call<T>(command: string, payload?: unknown): Promise<T>;
  /** Ask the worker to exit and wait for it. */
  stop(): Promise<void>;
}

/** Fork `file` (a TypeScript worker under tests/bench) with IPC; see `serveCommands`. */
export function forkWorker(file: string, env: Record<string, string> = {}): Worker {
  const child: ChildProcess = fork(file, [], {
    execArgv: tsxExecArgv,
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
  });
  let next = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on("message", (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`worker ${file} exited`));
    pending.clear();
  });
  return {
    pid: child.pid!,
    call<T>(command: string, payload?: unknown): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, command, payload });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(kill);
    },
  };
}

type Handler = (payload: never) => unknown;

/** Inside a worker: answer the parent's commands with `handlers`, and exit on SIGTERM. */
export function serveCommands(handlers: Record<string, Handler>): void {
  process.on("message", (m: { id: number; command: string; payload: unknown }) => {
    const handler = handlers[m.command];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${m.command}`);
        return handler(m.payload as never);
      })
      .then(
        (result) => process.send?.({ id: m.id, result }),
        (err: unknown) =>
          process.send?.({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  process.on("SIGTERM", () => process.exit(0));
  process.on("disconnect", () => process.exit(0));
}
