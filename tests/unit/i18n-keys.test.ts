import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const clientSrc = fileURLToPath(new URL("../../client/src", import.meta.url));
const load = (f: string) =>
  JSON.parse(readFileSync(path.join(clientSrc, "i18n", f), "utf8")) as Record<string, unknown>;

/** Every leaf key of a nested locale object, as dotted paths. */
function leaves(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function value(obj: Record<string, unknown>, key: string): unknown {
  return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e) ? [p] : [];
  });
}

const zh = load("zh-CN.json");
const en = load("en.json");
const zhKeys = leaves(zh).sort();
const enKeys = leaves(en).sort();

describe("client locale files", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      "missing in zh-CN",
    ).toEqual([]);
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      "missing in en",
    ).toEqual([]);
  });

  it("no translation is empty, and both use the same {{placeholders}}", () => {
    for (const k of zhKeys) {
      const a = String(value(zh, k));
      const b = String(value(en, k));
      expect(a.trim(), `zh-CN ${k}`).not.toBe("");
      expect(b.trim(), `en ${k}`).not.toBe("");
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(a), `placeholders of ${k}`).toEqual(vars(b));
    }
  });

  it("every literal key used in the client source exists in both languages", () => {
    const used = new Set<string>();
    for (const f of sourceFiles(clientSrc)) {
      const src = readFileSync(f, "utf8");
      // t("a.b"), t('a.b'), i18nKey="a.b" and label: "a.b" entries of menu tables
      for (const m of src.matchAll(/\bt\(\s*["']([\w.-]+)["']/g)) used.add(m[1]!);
      for (const m of src.matchAll(/\blabel:\s*["']([a-z][\w-]*\.[\w.-]+)["']/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !zhKeys.includes(k) || !enKeys.includes(k));
    expect(missing, "keys used in the client but missing in a locale file").toEqual([]);
  });

  it("dynamic key families cover every enum value", async () => {
    const shared = await import("@carecircle/shared");
    const families: [string, readonly string[]][] = [
      ["disability", shared.GROUP_TOPICS],
      ["distress", shared.DISTRESS_TYPES],
      ["roles", shared.ROLES],
      ["errors", shared.ERROR_CODES],
      ["notifications.kinds", shared.NOTIFICATION_KINDS],
      ["cases.stage", shared.CASE_STAGES],
      ["cases.family.stage", shared.CASE_STAGES],
      ["cases.risk", shared.RISK_LEVELS],
      ["cases.source", shared.CASE_SOURCES],
      ["cases.problem", shared.PRESENTING_PROBLEMS],
      ["cases.domain", shared.WALSH_DOMAINS],
      ["cases.goalStatus", shared.GOAL_STATUSES],
      ["cases.family.goalStatus", shared.GOAL_STATUSES],
      ["cases.recordKind", shared.CASE_RECORD_KINDS],
      ["cases.followUp", shared.FOLLOW_UP_STATUSES],
      ["cases.role", shared.CASE_WORKER_ROLES],
      ["cases.timeline", shared.CASE_EVENT_KINDS],
      ["report.activityKind", shared.ACTIVITY_KINDS],
      // The audit log page names each action (it showed raw keys for eleven of them).
      ["mod.audit", shared.AUDIT_ACTIONS],
    ];
    for (const [prefix, values] of families)
      for (const v of values) expect(zhKeys, `${prefix}.${v}`).toContain(`${prefix}.${v}`);
  });
});
