import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MEDIA_REFUSALS } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { FIELD_REASON_KEYS, REFUSAL_REASONS } from "../../client/src/i18n/error-keys.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const locale = (f: string) =>
  JSON.parse(readFileSync(path.join(root, "client/src/i18n", f), "utf8")) as Record<string, unknown>;
const locales = { zh: locale("zh-CN.json"), en: locale("en.json") };

function sources(dir: string): string {
  return readdirSync(dir)
    .map((e) => {
      const p = path.join(dir, e);
      return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(e) ? readFileSync(p, "utf8") : "";
    })
    .join("\n");
}
const serverAndShared = sources(path.join(root, "server/src")) + sources(path.join(root, "shared/src"));

function has(obj: Record<string, unknown>, key: string): boolean {
  const v = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
  return typeof v === "string" && v.trim() !== "";
}

describe("the client's error sentences follow the server's details (decision 093)", () => {
  it("every field reason it translates is one the server or a shared schema writes", () => {
    const unknown = Object.keys(FIELD_REASON_KEYS).filter((r) => !serverAndShared.includes(`"${r}"`));
    expect(unknown).toEqual([]);
  });

  it("every refusal reason it translates is one the server sends", () => {
    const sent = (r: string) =>
      r.startsWith("quota_")
        ? serverAndShared.includes('"quota_reached"')
        : serverAndShared.includes(`"${r}"`);
    expect(REFUSAL_REASONS.filter((r) => !sent(r))).toEqual([]);
  });

  it("every media refusal of the shared contract has a sentence", () => {
    const reasons: readonly string[] = REFUSAL_REASONS;
    expect(MEDIA_REFUSALS.filter((r) => !reasons.includes(r))).toEqual([]);
    expect(new Set(reasons).size, "a reason listed twice").toBe(reasons.length);
  });

  it("every sentence it names exists in both languages", () => {
    const keys = [
      ...Object.values(FIELD_REASON_KEYS),
      ...REFUSAL_REASONS.map((r) => `errors.reasons.${r}`),
      ...[...serverAndShared.matchAll(/i18n: "([\w.]+)"/g)].map((m) => m[1]!),
      "errors.bookingStatus",
      "validation.capacityBelowTaken",
    ];
    for (const [name, obj] of Object.entries(locales))
      expect(
        keys.filter((k) => !has(obj, k)),
        `missing in ${name}`,
      ).toEqual([]);
  });
});
