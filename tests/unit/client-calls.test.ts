import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

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
  it("writes no API path by hand", () => {
    expect(offenders(/["'`]\/api\//)).toEqual([]);
  });

  it("states no result type by hand (no api<T>() or fetch of a JSON answer outside api/client.ts)", () => {
    expect(offenders(/\b(api|publicApi)(<[^>]*>)?\(/)).toEqual([]);
    const fetches = offenders(/\bfetch\(/).filter((l) => !l.startsWith(`api${path.sep}client.ts`));
    expect(fetches).toEqual([]);
  });
});
