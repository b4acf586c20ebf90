/**
 * Renders the route tables of docs/API.md from the shared route table (`ROUTES`), one table per
 * tag, between `<!-- routes:<tag>:start -->` and `<!-- routes:<tag>:end -->`; the prose around
 * them stays by hand. `pnpm docs:api` rewrites the blocks; `pnpm docs:api --check` (part of
 * `pnpm lint`) fails, showing what differs, when the doc is stale. See docs/decisions/091.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ROUTES, type RouteSpec, unscopedRoles } from "../shared/src/index.js";

const DOC = fileURLToPath(new URL("../docs/API.md", import.meta.url));
const BLOCK = /<!-- routes:([a-z-]+):start -->\n[\s\S]*?<!-- routes:\1:end -->/g;

/** The markdown table of every route with `tag`, in the order of `ROUTES`. */
export function routeTable(tag: string): string {
  const specs = Object.values(ROUTES as Record<string, RouteSpec>).filter((r) => r.tag === tag);
  if (specs.length === 0) throw new Error(`docs/API.md names routes:${tag}, but no route has that tag`);
  const rows = specs.map((r) => {
    const route = `\`${r.method.toUpperCase()} ${r.path}\``;
    return `| ${route} | ${access(r)} | ${relations(r)} | ${r.summary.replaceAll("|", "\\|")} |`;
  });
  return ["| route | access | relations | summary |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

function access(r: RouteSpec): string {
  return r.access === "public" ? "anyone" : r.access.join(", ");
}

/** The relations that grant access, and the roles that pass without one. */
function relations(r: RouteSpec): string {
  if (!r.relations?.length) return "";
  const names = r.relations.map((x) => `\`${x}\``).join(", ");
  const roles = r.access === "public" ? [] : r.access;
  const unscoped = unscopedRoles(r).filter((role) => roles.includes(role));
  return unscoped.length ? `${names} (any: ${unscoped.join(", ")})` : names;
}

/** The doc with every marked block rendered afresh; throws when a tag is missing from the doc. */
export function render(doc: string): string {
  const out = doc.replace(
    BLOCK,
    (_block, tag: string) => `<!-- routes:${tag}:start -->\n${routeTable(tag)}\n<!-- routes:${tag}:end -->`,
  );
  const tags = new Set(Object.values(ROUTES as Record<string, RouteSpec>).map((r) => r.tag));
  const missing = [...tags].filter((tag) => !out.includes(`<!-- routes:${tag}:start -->`));
  if (missing.length) throw new Error(`docs/API.md has no routes block for: ${missing.join(", ")}`);
  return out;
}

/** The lines that differ, `-` as in the doc and `+` as generated (a short, diff-like report). */
function difference(before: string, after: string): string {
  const a = before.split("\n");
  const b = after.split("\n");
  const lines: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && lines.length < 40; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) lines.push(`${i + 1}- ${a[i]}`);
    if (b[i] !== undefined) lines.push(`${i + 1}+ ${b[i]}`);
  }
  return lines.join("\n");
}

const doc = readFileSync(DOC, "utf8");
const next = render(doc);
if (process.argv.includes("--check")) {
  if (next !== doc) {
    console.error(`docs/API.md route tables are stale; run \`pnpm docs:api\`.\n${difference(doc, next)}`);
    process.exit(1);
  }
} else if (next !== doc) {
  writeFileSync(DOC, next);
  console.log("docs/API.md route tables rewritten");
}
