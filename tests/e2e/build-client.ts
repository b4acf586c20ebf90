import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The built client the e2e servers serve. */
export const CLIENT_DIST = path.join(root, "client", "dist");

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(p)) {
    if (e === "node_modules" || e === "dist") continue;
    max = Math.max(max, newest(path.join(p, e)));
  }
  return max;
}

/** Build the client once per run when client/dist is missing or older than its sources. */
export default function buildClient() {
  const built = newest(path.join(CLIENT_DIST, "index.html"));
  const sources = Math.max(
    newest(path.join(root, "client", "src")),
    newest(path.join(root, "client", "index.html")),
    newest(path.join(root, "client", "vite.config.ts")),
    newest(path.join(root, "client", "pwa.config.ts")),
    newest(path.join(root, "client", "public")),
    newest(path.join(root, "shared", "src")),
  );
  if (built > sources) return;
  // vitest sets NODE_ENV=test; a build inheriting it would ship React's development bundle
  execFileSync("pnpm", ["--filter", "@carecircle/client", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
