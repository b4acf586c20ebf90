import type { LocalizedText, ScaleDefinition } from "./schema.js";

const t = (zh: string, en: string): LocalizedText => ({ "zh-CN": zh, en });

/** A 1-5 agreement scale an organisation can give its resilience items (higher = more resilient). */
export const AGREE_5_OPTIONS = [
  t("非常不同意", "Strongly disagree"),
  t("不同意", "Disagree"),
  t("说不清", "Not sure"),
  t("同意", "Agree"),
  t("非常同意", "Strongly agree"),
].map((label, i) => ({ id: `o${i + 1}`, label, score: i + 1 }));

const dimension = (id: string, zh: string, en: string) => ({
  id,
  name: t(zh, en),
  items: [] as string[],
  combine: "mean" as const,
});

/**
 * The family resilience inventory TEMPLATE: the six dimensions the case study measured, no items
 * (the deploying organisation enters them, with each item's id listed in its dimension), scored
 * as the mean per dimension and the mean over all items. No bands and no norm until the
 * organisation has its own (docs/decisions/121, 122).
 */
export const FAMILY_RESILIENCE_TEMPLATE: ScaleDefinition = {
  id: "family-resilience",
  version: 1,
  name: t("家庭抗逆力量表（模板）", "Family resilience inventory (template)"),
  source: {
    citation:
      "Dimensions after Walsh's family resilience framework (Walsh, Strengthening Family Resilience, 3rd ed., 2016) " +
      "as used in the family-resilience case study behind issue 18",
    note: "Items are entered by the deploying organisation; this template has none.",
  },
  template: true,
  direction: "higher_is_better",
  items: [],
  subscales: [
    dimension("economic", "经济能力", "Economic ability"),
    dimension("cohesion", "家庭凝聚力", "Cohesion"),
    dimension("beliefs", "家庭信念", "Beliefs"),
    dimension("communication", "沟通", "Communication"),
    dimension("social-support", "社会支持", "Social support"),
    dimension("problem-solving", "问题解决", "Problem solving"),
  ],
  total: { combine: "mean", over: "items" },
};
