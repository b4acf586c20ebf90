import { describe, expect, it } from "vitest";
import {
  compileRules,
  highestTier,
  matchRules,
  normalizeForMatch,
  screenText,
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
    expect(ids("i dont want to live")).toEqual(["4"]);
  });

  it("respects word boundaries for Latin script only; a Latin phrase also matches as one word", () => {
    expect(ids("what a class act")).toEqual([]);
    expect(ids("assessment")).toEqual([]);
    expect(ids("you ass!")).toEqual(["3"]);
    expect(ids("笨ass笨")).toEqual(["3"]);
    expect(ids("#killmyself")).toEqual(["2"]);
    expect(ids("skillmyselfie")).toEqual([]);
  });

  it("ignores empty phrases and ranks actions block > crisis > flag", () => {
    expect(rules.map((r) => r.id)).not.toContain("6");
    expect(strongestAction(matchRules("加我微信 不想活了", rules))).toBe("crisis");
    expect(strongestAction(matchRules("ass 不想活了 加我微信", rules))).toBe("block");
    expect(strongestAction([])).toBeNull();
    expect(normalizeForMatch("A\u00a0\tB")).toBe("a b");
  });
});

describe("normalisation", () => {
  it.each([
    ["我想自殺", "我想自杀"],
    ["我想\u200b死", "我想死"],
    ["我\u202e想\u2060死\ufeff", "我想死"],
    ["我 想 死", "我想死"],
    ["我.想.死", "我想死"],
    ["我😭想😭死", "我想死"],
    ["我，想，死", "我想死"],
    ["\u0455cam", "scam"],
    ["ѕuісіdе", "suicide"],
    ["κill myѕelf", "kill myself"],
    ["I want 2 die", "i want to die"],
    ["want2die", "wanttodie"],
    ["k1ll mys3lf", "kill myself"],
    ["$uicide", "suicide"],
    ["s u i c i d e", "suicide"],
    ["s.u.i.c.i.d.e", "suicide"],
    ["s̶u̶i̶c̶i̶d̶e̶", "suicide"],
    ["我想4了", "我想死了"],
    ["ＫＩＬＬ　ｍｙｓｅｌｆ", "kill myself"],
  ])("%s → %s", (input, out) => {
    expect(normalizeForMatch(input)).toBe(out);
  });

  it.each([
    ["他想，死亡是什么", "他想,死亡是什么"],
    ["想4点去公园", "想4点去公园"],
    ["孩子4岁了", "孩子4岁了"],
    ["I have 3 kids, 2 cats", "i have 3 kids, 2 cats"],
    ["5g 网络", "5g 网络"],
    ["がんばる", "がんばる"],
  ])("leaves ordinary text alone: %s", (input, out) => {
    expect(normalizeForMatch(input)).toBe(out);
  });
});

const detect = compileRules([
  { id: "die", phrase: "想死", action: "crisis", tier: "intent" },
  { id: "kill", phrase: "自杀", action: "crisis", tier: "intent", variants: ["紫砂"] },
  { id: "jump", phrase: "跳楼", action: "crisis", tier: "imminent" },
  { id: "low", phrase: "活不下去", action: "crisis", tier: "distress" },
  { id: "old", phrase: "suicide", action: "crisis" },
  { id: "sale", phrase: "跳楼价", action: "allow" },
  { id: "pot", phrase: "紫砂壶", action: "allow" },
  { id: "miss", phrase: "想死你", action: "allow" },
  { id: "nopin", phrase: "割腕", action: "crisis", forms: ["word"] },
]);
const how = (text: string) => screenText(text, detect).matches.map((m) => `${m.rule.id}:${m.form}`);

describe("forms, exceptions and tiers", () => {
  it("reports how each entry matched", () => {
    expect(how("我想死")).toEqual(["die:word"]);
    expect(how("我想自殺")).toEqual(["kill:traditional"]);
    expect(how("我要紫砂了")).toEqual(["kill:slang"]);
    expect(how("wo xiang si")).toEqual(["die:pinyin"]);
    expect(how("woxiangsile")).toEqual(["die:pinyin"]);
    expect(how("我想si")).toEqual(["die:pinyin"]);
    expect(how("我要zi sha")).toEqual(["kill:pinyin"]);
    expect(how("tiaolou")).toEqual(["jump:pinyin"]);
  });

  it("pinyin needs a whole run, two syllables and a Latin letter", () => {
    expect(how("红豆相思")).toEqual([]); // homophones in characters never match through pinyin
    expect(how("xiangsing")).toEqual([]);
    expect(how("xiangsir")).toEqual([]); // "sir" is no syllable, so the word does not split
    expect(how("the si unit")).toEqual([]);
    expect(how("gewan")).toEqual([]); // this entry has pinyin turned off
    expect(how("割腕")).toEqual(["nopin:word"]);
  });

  it("an exception holds back a match in its own span only", () => {
    const sale = screenText("跳楼价甩卖", detect);
    expect(sale.matches).toEqual([]);
    expect(sale.heldBack.map((m) => [m.rule.id, m.heldBy.id])).toEqual([["jump", "sale"]]);
    expect(how("买了个紫砂壶")).toEqual([]);
    expect(how("想死你们了")).toEqual([]);
    expect(how("想死你们了，可我真的想死")).toEqual(["die:word"]);
    expect(how("跳楼价！我也想跳楼")).toEqual(["jump:word"]);
  });

  it("crisis entries carry a tier (intent when unset); other actions none", () => {
    const found = screenText("活不下去了，想跳楼，suicide", detect).matches;
    expect(found.map((m) => [m.rule.id, m.rule.tier])).toEqual([
      ["jump", "imminent"],
      ["low", "distress"],
      ["old", "intent"],
    ]);
    expect(highestTier(found.map((m) => m.rule))).toBe("imminent");
    expect(highestTier([])).toBeNull();
    expect(
      compileRules([{ id: "x", phrase: "scam", action: "block", tier: "imminent" }])[0]!.tier,
    ).toBeNull();
  });
});
