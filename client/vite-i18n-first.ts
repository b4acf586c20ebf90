import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

/**
 * The sections of the UI strings that the entry's own components use (the sign-in page, the
 * frame around it, errors and toasts). Only these ship in the first screen's bundle; every other
 * page waits for the whole language file, fetched in parallel with its own code (decision 147).
 * tests/unit/i18n-first-screen.test.ts checks the entry's components use no other section.
 */
export const FIRST_SCREEN_SECTIONS = [
  "app",
  "auth",
  "common",
  "errors",
  "pwa",
  "settings",
  "validation",
] as const;

const PREFIX = "virtual:i18n-first/";

/** `import strings from "virtual:i18n-first/<locale>"`: the first-screen sections of one locale. */
export function firstScreenStrings(): Plugin {
  return {
    name: "carecircle:i18n-first",
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const locale = id.slice(PREFIX.length + 1);
      const file = fileURLToPath(new URL(`./src/i18n/${locale}.json`, import.meta.url));
      this.addWatchFile(file);
      const all = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      const first = Object.fromEntries(FIRST_SCREEN_SECTIONS.map((k) => [k, all[k]]));
      return `export default ${JSON.stringify(first)};`;
    },
  };
}
