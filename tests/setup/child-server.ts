import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const mainJs = fileURLToPath(new URL("../../server/dist/main.js", import.meta.url));

/** A real server process (the built `server/dist/main.js`), for crash, shutdown and multi-node tests. */
export interface ChildServer {
  proc: ChildProcess;
  port: number;
  url: string;
  /** Every log line the process printed (JSON lines from pino). */
  logs: string[];
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

/** Spawn the server with `env` and resolve once it is listening. */
export function spawnServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ChildServer> {
  const proc = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      LOG_LEVEL: "info",
      RATE_LIMIT_PER_MINUTE: "1000000",
      // Suites register many families from 127.0.0.1; attack-http.test.ts checks the real limits.
      REGISTRATIONS_PER_HOUR: "1000000",
      MAX_INFLIGHT_PER_ADDRESS: "1000000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<number | string>((resolve) =>
    proc.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`server did not start:\n${logs.join("\n")}`));
    }, timeoutMs);
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        logs.push(line);
        const port = /"port":(\d+)/.exec(line)?.[1];
        if (port && line.includes("listening")) {
          clearTimeout(timer);
          resolve({
            proc,
            port: Number(port),
            url: `http://127.0.0.1:${port}`,
            logs,
            exited,
            kill: (signal) => proc.kill(signal),
          });
        }
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${logs.join("\n")}`));
    });
  });
}
