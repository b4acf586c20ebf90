import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FIRST_SCREEN_SECTIONS } from "../../client/vite-i18n-first.js";

const clientSrc = fileURLToPath(new URL("../../client/src", import.meta.url));

/** A relative import's file, as Vite resolves it (`./x` -> x.ts, x.tsx or x/index.ts). */
function resolveImport(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find(
    (f) => existsSync(f) && /\.tsx?$/.test(f),
  );
}

/** The client's own modules the entry loads statically (what `import()` loads later is left out). */
function entryModules(): string[] {
  const seen = new Set<string>();
  const stack = [path.join(clientSrc, "main.tsx")];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)) {
      if (/^\s*import\s+type\s/.test(m[0]) || /^\s*export\s+type\s/.test(m[0])) continue;
      const next = resolveImport(file, m[1]!);
      if (next) stack.push(next);
    }
  }
  return [...seen];
}

/** The top-level string sections a module names in a literal key: t("auth.x"), t(`booking.${s}`). */
function sectionsUsed(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const keys = [...src.matchAll(/\bt\(\s*["'`]([a-zA-Z]+)\.[a-zA-Z$]/g)].map((m) => m[1]!);
  const i18nKeys = [...src.matchAll(/i18nKey=["']([a-zA-Z]+)\./g)].map((m) => m[1]!);
  return [...new Set([...keys, ...i18nKeys])];
}

describe("the strings the first screen ships with", () => {
  const modules = entryModules();

  it("finds the entry's modules (the sign-in page, the app frame, errors)", () => {
    const names = modules.map((f) => path.relative(clientSrc, f));
    expect(names).toEqual(
      expect.arrayContaining(["main.tsx", "app.tsx", "routes/login.tsx", "i18n/errors.ts"]),
    );
    // pages other than sign-in are chunks of their own, so they are not here
    expect(names).not.toContain("routes/group-chat.tsx");
  });

  it("covers every section the entry's components name", () => {
    const first = new Set<string>(FIRST_SCREEN_SECTIONS);
    const missing = modules.flatMap((f) =>
      sectionsUsed(f)
        .filter((s) => !first.has(s))
        .map((s) => `${path.relative(clientSrc, f)}: ${s}`),
    );
    // errors.ts names a booking status only inside a booking error, shown on booking pages (all lazy)
    expect(missing).toEqual(["i18n/errors.ts: booking"]);
  });
});
