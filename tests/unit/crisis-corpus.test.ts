import { describe, expect, it } from "vitest";
import { compileRules, screenText } from "../../server/src/modules/moderation/watched-words.js";
import { starterRows } from "../../server/src/seed/watched-words.js";
import { CRISIS, DISGUISED, EVERYDAY } from "../corpus/crisis-zh-en.js";

// The real starter list through the same compile + match code the screening service runs.
const rules = compileRules(starterRows().map((r, i) => ({ ...r, id: String(i) })));
const raisesAlert = (text: string) => screenText(text, rules).matches.some((m) => m.rule.action === "crisis");

// Simplified → traditional for the characters of the crisis lines, written out (not converted by the
// library under test), as a Taiwan or Hong Kong keyboard would type them.
const SIMPLIFIED =
  "学劝医两点线顾时觉着没发么后个撑谁来帮钱义为这脱干坚骂带别杀过轻头寻见结开残伤离楼顶绳准备买烧里农药攒遗书经写";
const TRADITIONAL =
  "學勸醫兩點線顧時覺著沒發麼後個撐誰來幫錢義為這脫乾堅罵帶別殺過輕頭尋見結開殘傷離樓頂繩準備買燒裡農藥攢遺書經寫";
const toTraditional = (s: string) => [...s].map((c) => TRADITIONAL[SIMPLIFIED.indexOf(c)] ?? c).join("");
const LOOKALIKE: Record<string, string> = {
  a: "а",
  e: "е",
  o: "о",
  c: "с",
  p: "р",
  x: "х",
  y: "у",
  i: "і",
  s: "ѕ",
};
const isChinese = (s: string) => /\p{Script=Han}/u.test(s);

/** Mechanical disguises of a plain line (each a realistic way to slip past a plain word list). */
function disguises(line: string): [kind: string, text: string][] {
  const chars = [...line];
  if (isChinese(line))
    return [
      ["traditional", toTraditional(line)],
      ["zero-width", chars.join("\u200b")],
      ["spaces", chars.join(" ")],
      ["symbols", chars.join("*")],
    ];
  return [
    ["look-alikes", line.replace(/[aeocpxyis]/g, (c) => LOOKALIKE[c] ?? c)],
    ["zero-width", line.replace(/(\w)(\w)/g, "$1\u200c$2")],
    ["full-width", line.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
    ["upper case", line.toUpperCase()],
  ];
}

interface Tally {
  total: number;
  hit: number;
  misses: string[];
}
const tally = (lines: readonly string[], want: boolean): Tally => {
  const misses = lines.filter((l) => raisesAlert(l) !== want);
  return { total: lines.length, hit: lines.length - misses.length, misses };
};

describe("crisis corpus", () => {
  const derived = CRISIS.flatMap(disguises);
  const kinds = new Map<string, string[]>();
  for (const [kind, text] of derived) kinds.set(kind, [...(kinds.get(kind) ?? []), text]);
  const crisis = tally([...CRISIS, ...DISGUISED, ...derived.map(([, t]) => t)], true);
  const everyday = tally(EVERYDAY, false);
  const recall = crisis.hit / crisis.total;
  const falseAlarms = everyday.misses.length / everyday.total;

  it("has at least 200 crisis lines and 200 everyday lines", () => {
    expect(CRISIS.length + DISGUISED.length).toBeGreaterThanOrEqual(140);
    expect(crisis.total).toBeGreaterThanOrEqual(200);
    expect(everyday.total).toBeGreaterThanOrEqual(200);
  });

  it("catches at least 95% of crisis talk (plain and disguised) with at most 2% false alarms", () => {
    const lines = [
      `crisis lines: ${crisis.total}, caught ${crisis.hit} (recall ${(recall * 100).toFixed(1)}%)`,
      `  plain ${tally(CRISIS, true).hit}/${CRISIS.length}, written disguises ${tally(DISGUISED, true).hit}/${DISGUISED.length}`,
      ...[...kinds].map(([k, l]) => `  derived ${k}: ${tally(l, true).hit}/${l.length}`),
      `everyday lines: ${everyday.total}, false alarms ${everyday.misses.length} (${(falseAlarms * 100).toFixed(1)}%)`,
      ...crisis.misses.map((m) => `  missed: ${JSON.stringify(m)}`),
      ...everyday.misses.map((m) => `  false alarm: ${JSON.stringify(m)}`),
    ];
    console.log(lines.join("\n"));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falseAlarms).toBeLessThanOrEqual(0.02);
  });

  it("every written disguise is caught", () => {
    expect(tally(DISGUISED, true).misses).toEqual([]);
  });
});
