import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const lockFile = (dataDir: string) => path.resolve(dataDir, "server.pid");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a live server holding the embedded database in `dataDir`, if any. */
export function lockHolder(dataDir: string): number | undefined {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

/**
 * Claim the embedded database directory for this process (PGlite must never be opened by two
 * processes at once). Throws if another live server holds it; a stale lock from a crash is taken over.
 */
export function claimDataDir(dataDir: string): () => void {
  const holder = lockHolder(dataDir);
  if (holder) throw new Error(`Another CareCircle process (pid ${holder}) is using ${path.resolve(dataDir)}`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile(dataDir), String(process.pid));
  return () => {
    if (
      existsSync(lockFile(dataDir)) &&
      readFileSync(lockFile(dataDir), "utf8").trim() === String(process.pid)
    ) {
      rmSync(lockFile(dataDir), { force: true });
    }
  };
}
