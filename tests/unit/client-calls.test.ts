import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RouteSpec, ROUTES as SPECS } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../client/src/api/routes.gen.js";

const clientSrc = fileURLToPath(new URL("../../client/src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e) ? [p] : [];
  });
}

/** The code of a file without its comments (a comment may name a path; code may not). */
const code = (file: string) =>
  readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");

/** `file: line` for each line of client code matching `pattern`. */
function offenders(pattern: RegExp): string[] {
  return sourceFiles(clientSrc).flatMap((file) =>
    code(file)
      .split("\n")
      .filter((line) => pattern.test(line))
      .map((line) => `${path.relative(clientSrc, file)}: ${line.trim()}`),
  );
}

describe("the client calls the API only through the route table (decision 092)", () => {
  it("writes no API path by hand (routes.gen.ts is generated from the table)", () => {
    const generated = `api${path.sep}routes.gen.ts`;
    expect(offenders(/["'`]\/api\//).filter((l) => !l.startsWith(generated))).toEqual([]);
  });

  it("holds a schema-free copy of every route that matches the shared table (decision 119)", () => {
    const want = Object.fromEntries(
      Object.entries(SPECS as Record<string, RouteSpec>).map(([name, r]) => [
        name,
        { method: r.method, path: r.path, public: r.access === "public" },
      ]),
    );
    expect(ROUTES).toEqual(want);
  });

  it("states no result type by hand (no api<T>() or fetch of a JSON answer outside api/client.ts)", () => {
    expect(offenders(/\b(api|publicApi)(<[^>]*>)?\(/)).toEqual([]);
    const fetches = offenders(/\bfetch\(/).filter((l) => !l.startsWith(`api${path.sep}client.ts`));
    expect(fetches).toEqual([]);
  });
});
