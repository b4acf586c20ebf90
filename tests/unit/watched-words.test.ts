import { describe, expect, it } from "vitest";
import {
  compileRules,
  matchRules,
  normalizeForMatch,
  strongestAction,
} from "../../server/src/modules/moderation/watched-words.js";

const rules = compileRules([
  { id: "1", phrase: "不想活了", action: "crisis" },
  { id: "2", phrase: "kill myself", action: "crisis" },
  { id: "3", phrase: "ass", action: "block" },
  { id: "4", phrase: "don't want to live", action: "crisis" },
  { id: "5", phrase: "加我微信", action: "flag" },
  { id: "6", phrase: "   ", action: "block" },
]);
const ids = (text: string) => matchRules(text, rules).map((r) => r.id);

describe("watched-word matching", () => {
  it("matches Chinese phrases as substrings", () => {
    expect(ids("我真的不想活了。")).toEqual(["1"]);
    expect(ids("有事加我微信")).toEqual(["5"]);
    expect(ids("不想活")).toEqual([]);
  });

  it("is case-insensitive and folds full-width letters and spacing", () => {
    expect(ids("I want to KILL   MYSELF")).toEqual(["2"]);
    expect(ids("ｋｉｌｌ ｍｙｓｅｌｆ")).toEqual(["2"]);
    expect(ids("I don’t want to live anymore")).toEqual(["4"]);
  });

  it("respects word boundaries for Latin script only", () => {
    expect(ids("what a class act")).toEqual([]);
    expect(ids("assessment")).toEqual([]);
    expect(ids("you ass!")).toEqual(["3"]);
    expect(ids("笨ass笨")).toEqual(["3"]);
    expect(ids("killmyself")).toEqual([]);
  });

  it("ignores empty phrases and ranks actions block > crisis > flag", () => {
    expect(rules.map((r) => r.id)).not.toContain("6");
    expect(strongestAction(matchRules("加我微信 不想活了", rules))).toBe("crisis");
    expect(strongestAction(matchRules("ass 不想活了 加我微信", rules))).toBe("block");
    expect(strongestAction([])).toBeNull();
    expect(normalizeForMatch("A\u00a0\tB")).toBe("a b");
  });
});
