import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let clockTicks: number | undefined;

/** Kernel clock ticks per second (the unit of utime/stime in /proc/<pid>/stat). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / ticksPerSecond();
}

/** Resident set size in bytes, from VmRSS in /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/** What a process used during a measurement window. */
export interface ProcUsage {
  /** Average CPU over the window, in percent of one core (200% = both cores of this machine). */
  cpuPercent: number;
  rssMaxBytes: number;
  rssEndBytes: number;
}

/** A running measurement of some processes; `stop()` answers each one's usage. */
export interface ProcWindow {
  stop(): ProcUsage[];
}

/**
 * Start measuring processes: CPU from the difference of their tick counters over the window,
 * RSS sampled every `intervalMs` (max and last). Gone processes report zeros.
 */
export function measureProcs(pids: number[], intervalMs = 200): ProcWindow {
  const safe = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  const start = performance.now();
  const cpu0 = pids.map((pid) => safe(() => cpuSeconds(pid), 0));
  const rssMax = pids.map((pid) => safe(() => rssBytes(pid), 0));
  const timer = setInterval(() => {
    pids.forEach((pid, i) => {
      rssMax[i] = Math.max(
        rssMax[i]!,
        safe(() => rssBytes(pid), 0),
      );
    });
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - start) / 1000;
      return pids.map((pid, i) => {
        const rssEnd = safe(() => rssBytes(pid), 0);
        const used = safe(() => cpuSeconds(pid), cpu0[i]!) - cpu0[i]!;
        return {
          cpuPercent: seconds > 0 ? (used / seconds) * 100 : 0,
          rssMaxBytes: Math.max(rssMax[i]!, rssEnd),
          rssEndBytes: rssEnd,
        };
      });
    },
  };
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * Measure the whole machine's CPU use (every process, ours and anyone else's) over a window, in
 * percent of one core like the per-process figures: shows whether the box itself was saturated.
 */
export function measureMachine(cores: number): { stop(): number } {
  let start: { busy: number; total: number };
  try {
    start = machineTicks();
  } catch {
    return { stop: () => 0 };
  }
  return {
    stop() {
      const end = machineTicks();
      const total = end.total - start.total;
      return total > 0 ? ((end.busy - start.busy) / total) * 100 * cores : 0;
    },
  };
}

/** Pids of every process whose command name is `name` (e.g. all PostgreSQL server processes). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
