import type { LocalizedText, ScaleDefinition, ScaleItem } from "./schema.js";

// The Social Support Rating Scale (社会支持评定量表, Xiao Shuiyuan) as commonly reproduced, with
// the published scoring: items 1-4 and 8-10 score the chosen option 1-4; item 5 sums parts A-E,
// each 1-4; items 6 and 7 score 0 for "no source", else the number of sources ticked. Total
// 12-66. The English is our translation, not a validated English form (docs/decisions/121).

const t = (zh: string, en: string): LocalizedText => ({ "zh-CN": zh, en });

/** A choose-one item whose four options score 1..4 in the order given. */
function fourOptions(id: string, text: LocalizedText, options: LocalizedText[]): ScaleItem {
  return {
    id,
    text,
    kind: "single",
    options: options.map((label, i) => ({ id: `o${i + 1}`, label, score: i + 1 })),
  };
}

const ONLY_ONE = t("（只选一项）", " (choose one)");
const single = (id: string, zh: string, en: string, options: LocalizedText[]) =>
  fourOptions(id, t(zh + ONLY_ONE["zh-CN"], en + ONLY_ONE.en), options);

const CARE: LocalizedText[] = [
  t("相互之间从不关心，只是点头之交", "We never care about each other; we only nod in passing"),
  t("遇到困难可能稍微关心", "They might care a little when I am in difficulty"),
];

const SOURCES: { id: string; label: LocalizedText }[] = [
  { id: "a", label: t("配偶", "Spouse") },
  { id: "b", label: t("其他家人", "Other family members") },
  { id: "c", label: t("亲戚", "Relatives") },
  { id: "d", label: t("朋友", "Friends") },
  { id: "e", label: t("同事", "Colleagues") },
  { id: "f", label: t("工作单位", "Workplace") },
  {
    id: "g",
    label: t(
      "党团工会等官方或半官方组织",
      "Official or semi-official organisations (Party, Youth League, trade union)",
    ),
  },
  {
    id: "h",
    label: t("宗教、社会团体等非官方组织", "Unofficial organisations (religious or social groups)"),
  },
  { id: "i", label: t("其他（请列出）", "Other (please name)") },
];

/** Items 6 and 7: "no source" scores 0, otherwise one point per source ticked. */
function sources(id: string, zh: string, en: string): ScaleItem {
  return {
    id,
    text: t(zh, en),
    kind: "count_sources",
    noneLabel: t("无任何来源", "No source at all"),
    sources: SOURCES,
  };
}

const FAMILY_SUPPORT: ScaleItem = {
  id: "q5",
  text: t(
    "从家庭成员得到的支持和照顾（在合适的框内划“√”）",
    "Support and care you get from family members (tick the box that fits)",
  ),
  kind: "multi_part",
  parts: [
    { id: "a", label: t("A. 夫妻（恋人）", "A. Spouse (partner)") },
    { id: "b", label: t("B. 父母", "B. Parents") },
    { id: "c", label: t("C. 儿女", "C. Children") },
    { id: "d", label: t("D. 兄弟姐妹", "D. Brothers and sisters") },
    { id: "e", label: t("E. 其他成员（如嫂子）", "E. Other members (e.g. a sister-in-law)") },
  ],
  options: [
    { id: "o1", label: t("无", "None"), score: 1 },
    { id: "o2", label: t("极少", "Very little"), score: 2 },
    { id: "o3", label: t("一般", "Some"), score: 3 },
    { id: "o4", label: t("全力支持", "Full support"), score: 4 },
  ],
};

const ITEMS: ScaleItem[] = [
  single(
    "q1",
    "您有多少关系密切，可以得到支持和帮助的朋友？",
    "How many close friends can you get support and help from?",
    [t("一个也没有", "None"), t("1-2个", "1-2"), t("3-5个", "3-5"), t("6个或6个以上", "6 or more")],
  ),
  single("q2", "近一年来您：", "In the past year you have:", [
    t("远离家人，且独居一室", "Lived away from my family, alone in a room"),
    t("住处经常变动，多数时间和陌生人住在一起", "Moved often, living mostly with strangers"),
    t("和同学、同事或朋友住在一起", "Lived with classmates, colleagues or friends"),
    t("和家人住在一起", "Lived with my family"),
  ]),
  single("q3", "您与邻居：", "You and your neighbours:", [
    ...CARE,
    t("有些邻居很关心您", "Some neighbours care about me a lot"),
    t("大多数邻居都很关心您", "Most neighbours care about me a lot"),
  ]),
  single("q4", "您与同事：", "You and your colleagues:", [
    ...CARE,
    t("有些同事很关心您", "Some colleagues care about me a lot"),
    t("大多数同事都很关心您", "Most colleagues care about me a lot"),
  ]),
  FAMILY_SUPPORT,
  sources(
    "q6",
    "过去，在您遇到急难情况时，曾经得到的经济支持和解决实际问题的帮助的来源有：",
    "In the past, when you were in an emergency, where did money and help with practical problems come from?",
  ),
  sources(
    "q7",
    "过去，在您遇到急难情况时，曾经得到的安慰和关心的来源有：",
    "In the past, when you were in an emergency, where did comfort and concern come from?",
  ),
  single("q8", "您遇到烦恼时的倾诉方式：", "When something troubles you, how do you talk about it?", [
    t("从不向任何人诉说", "I never tell anyone"),
    t("只向关系极为密切的1-2个人诉说", "I tell only one or two very close people"),
    t("如果朋友主动询问您会说出来", "I tell friends if they ask"),
    t("主动诉说自己的烦恼，以获得支持和理解", "I talk about it myself, to get support and understanding"),
  ]),
  single("q9", "您遇到烦恼时的求助方式：", "When something troubles you, how do you ask for help?", [
    t("只靠自己，不接受别人帮助", "I rely only on myself and accept no help"),
    t("很少请求别人帮助", "I rarely ask others for help"),
    t("有时请求别人帮助", "I sometimes ask others for help"),
    t("有困难时经常向家人、亲友、组织求援", "In difficulty I often turn to family, friends or organisations"),
  ]),
  single(
    "q10",
    "对于团体（如党组织、宗教组织、工会、学生会等）组织活动，您：",
    "Activities organised by groups (such as the Party, religious groups, trade unions, student unions), you:",
    [
      t("从不参加", "Never take part"),
      t("偶尔参加", "Take part now and then"),
      t("经常参加", "Often take part"),
      t("主动参加并积极活动", "Take part of my own accord and am active"),
    ],
  ),
];

/** The SSRS as shipped (docs/decisions/121, 122). */
export const SSRS: ScaleDefinition = {
  id: "ssrs",
  version: 1,
  name: t("社会支持评定量表（SSRS）", "Social Support Rating Scale (SSRS)"),
  instructions: t(
    "下面的问题用于反映您在社会中所获得的支持，请按各个问题的具体要求，根据您的实际情况填写。",
    "The questions below are about the support you get from the people around you. Answer each one as it asks, as things really are for you.",
  ),
  source: {
    citation:
      "肖水源.《社会支持评定量表》的理论基础与研究应用. 临床精神医学杂志, 1994, 4(2): 98-100; " +
      "reproduced in 汪向东, 王希林, 马弘. 心理卫生评定量表手册(增订版). 中国心理卫生杂志, 1999(增刊): 127-131",
    note: "Chinese text as commonly reproduced; English translated by CareCircle, not a validated English form.",
  },
  direction: "higher_is_better",
  items: ITEMS,
  subscales: [
    { id: "objective", name: t("客观支持", "Objective support"), items: ["q2", "q6", "q7"], combine: "sum" },
    {
      id: "subjective",
      name: t("主观支持", "Subjective support"),
      items: ["q1", "q3", "q4", "q5"],
      combine: "sum",
    },
    {
      id: "utilisation",
      name: t("对支持的利用度", "Use of support"),
      items: ["q8", "q9", "q10"],
      combine: "sum",
    },
  ],
  total: {
    combine: "sum",
    over: "items",
    bands: [
      { id: "low", min: 12, label: t("社会支持较少", "Little support") },
      { id: "moderate", min: 20, label: t("社会支持一般", "Some support") },
      { id: "satisfactory", min: 31, label: t("社会支持满意", "Good support") },
    ],
    norm: {
      sd: 6.99,
      reliability: 0.92,
      reliabilityKind: "test_retest",
      source:
        "r: two-month test-retest of the total, Xiao 1994; SD: district survey of 100 caregiving families " +
        "(docs/decisions/122)",
    },
  },
};
