import type { CrisisTier, MatchForm } from "@carecircle/shared";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { watchedWords } from "../db/schema/index.js";

/** A starter entry: phrase, tier, curated slang variants, and its forms when not all of them. */
type Starter = readonly [
  phrase: string,
  tier: CrisisTier,
  variants?: readonly string[],
  forms?: readonly MatchForm[],
];

/** Pinyin off where it spells a common word: "yishu" is 艺术 (art) far more often than 遗书. */
const NO_PINYIN: readonly MatchForm[] = ["word", "traditional", "slang"];

/**
 * Starter crisis phrases (Chinese and English), as caregivers say them. A match delivers the
 * message, alerts the group's moderators and privately shows the author where to get help; it
 * is never a violation. Chinese entries also match traditional characters and pinyin; variants
 * are real homophone/slang spellings (紫砂 for 自杀, "unalive", "sewer slide").
 */
export const STARTER_CRISIS: readonly Starter[] = [
  // distress: hopelessness, no way to go on
  ["不想活了", "distress"],
  ["不想活", "distress"],
  ["活不下去", "distress"],
  ["活着没意思", "distress"],
  ["活着没有意思", "distress"],
  ["活着有什么意思", "distress"],
  ["活着好累", "distress"],
  ["撑不下去了", "distress"],
  ["熬不下去了", "distress"],
  ["没有活下去的意义", "distress"],
  ["为什么要来到这个世界", "distress"],
  ["不如死了算了", "distress"],
  ["死了算了", "distress"],
  ["死了就解脱了", "distress"],
  ["一了百了", "distress"],
  ["don't want to live", "distress"],
  ["no reason to live", "distress"],
  ["can't go on", "distress"],
  ["better off without me", "distress"],
  ["better off dead", "distress"],
  ["tired of living", "distress"],
  // intent: wanting to die, to end one's life
  ["想死", "intent"],
  ["想去死", "intent"],
  ["要去死", "intent"],
  ["我去死", "intent"],
  ["自杀", "intent", ["紫砂", "自鲨"]],
  ["轻生", "intent"],
  ["寻短见", "intent"],
  ["结束生命", "intent"],
  ["结束自己的生命", "intent"],
  ["了结自己", "intent"],
  ["自残", "intent"],
  ["伤害自己", "intent"],
  ["kill myself", "intent", ["killing myself", "unalive myself"]],
  ["want to die", "intent", ["wanna die", "wanting to die", "wish i was dead", "wish i were dead"]],
  ["end my life", "intent", ["ending my life", "take my own life", "taking my own life", "take my life"]],
  ["end it all", "intent", ["ending it all"]],
  ["suicide", "intent", ["sewer slide", "suicde", "sucide"]],
  ["suicidal", "intent"],
  ["hurt myself", "intent", ["hurting myself", "self harm", "self-harm", "cut myself", "cutting myself"]],
  // imminent: a method, a time, a plan, or harm to the child
  ["跳楼", "imminent"],
  ["割腕", "imminent"],
  ["上吊", "imminent"],
  ["烧炭", "imminent"],
  ["喝农药", "imminent"],
  ["吃药走了", "imminent"],
  [
    "攒安眠药",
    "imminent",
    ["攒了安眠药", "攒了好多安眠药", "一整瓶安眠药", "一瓶安眠药", "整瓶安眠药", "吞安眠药"],
  ],
  ["遗书", "imminent", [], NO_PINYIN],
  ["结束这一切", "intent"],
  ["离开这个世界", "intent"],
  ["今晚就去死", "imminent"],
  ["活不过今晚", "imminent"],
  ["明天就不在了", "imminent"],
  ["带着孩子一起走", "imminent"],
  ["带孩子一起走", "imminent"],
  ["和孩子一起走", "imminent"],
  ["跟孩子一起走", "imminent"],
  ["带着孩子走了算了", "imminent"],
  ["带着孩子一起死", "imminent"],
  ["带孩子一起死", "imminent"],
  ["和孩子一起死", "imminent"],
  ["抱着孩子跳", "imminent"],
  [
    "jump off the bridge",
    "imminent",
    ["jump off a bridge", "jump off the roof", "jump off a building", "jump in front of a train"],
  ],
  ["slit my wrists", "imminent"],
  ["take all my pills", "imminent", ["took all my pills", "overdose on", "swallow all the pills"]],
  ["hang myself", "imminent"],
  ["tonight is the night", "imminent"],
  [
    "take my child with me",
    "imminent",
    ["take my kid with me", "take my son with me", "take my daughter with me"],
  ],
];

/** Insults that sound like crisis talk but are aimed at someone else: a report, not an alert. */
export const STARTER_FLAGS: readonly string[] = ["你去死", "去死吧你", "怎么不去死", "kill yourself", "kys"];

/**
 * Everyday phrases that use the same characters harmlessly. Checked after normalisation; a
 * crisis entry matched only inside one of them is held back.
 */
export const STARTER_EXCEPTIONS: readonly string[] = [
  "笑死",
  "笑死我了",
  "累死了",
  "累死我了",
  "热死了",
  "饿死了",
  "困死了",
  "忙死了",
  "冷死了",
  "烦死了",
  "吵死了",
  "气死我了",
  "死机",
  "想死你",
  "想死我了",
  "想死我们",
  "想死大家",
  "思想死板",
  "跳楼价",
  "跳楼甩卖",
  "跳楼大甩卖",
  "自杀式",
  "预防自杀",
  "防止自杀",
  "轻生活",
  "年轻生",
  "不想活动",
  "不想活在",
  "紫砂壶",
  "紫砂锅",
  "紫砂杯",
  "紫砂茶",
  "紫砂盆",
  "紫砂煲",
  "死海",
  "一起走路",
  "一起走走",
  "一起走进",
  "一起走出",
  "一起走过",
  "一起走亲戚",
  "一起走一走",
  "一起走完",
  "一起走回",
  "一起走到",
  "一起走向",
  "dying to see",
  "dying to try",
  "dying to know",
  "killing it",
  "to die for",
  "suicide squad",
  "suicide prevention",
  "烧炭取暖",
  "死磕",
  "走了一圈",
];

/** The first starter list (before tiers), so an upgrade does not bring back what an admin removed. */
export const STARTER_V1: readonly string[] = [
  "不想活了",
  "活着没意思",
  "想死",
  "自杀",
  "轻生",
  "结束生命",
  "割腕",
  "跳楼",
  "伤害自己",
  "为什么要来到这个世界",
  "撑不下去了",
  "kill myself",
  "want to die",
  "end my life",
  "suicide",
  "hurt myself",
  "self harm",
  "don't want to live",
  "no reason to live",
];

/** Every starter row. */
export function starterRows(): (typeof watchedWords.$inferInsert)[] {
  return [
    ...STARTER_CRISIS.map(([phrase, tier, variants, forms]) => ({
      phrase,
      action: "crisis" as const,
      tier,
      variants: [...(variants ?? [])],
      ...(forms ? { forms: [...forms] } : {}),
    })),
    ...STARTER_FLAGS.map((phrase) => ({ phrase, action: "flag" as const })),
    ...STARTER_EXCEPTIONS.map((phrase) => ({ phrase, action: "allow" as const })),
  ];
}

/**
 * Insert the starter list (idempotent). `upgrade`: the database already had the first list, so
 * its phrases are not inserted again (an admin may have removed them); those still there and
 * untouched get their tier and variants.
 */
export async function seedStarterWatchedWords(db: DbOrTx, upgrade = false): Promise<void> {
  const v1 = new Set(STARTER_V1);
  const rows = starterRows().filter((r) => !(upgrade && v1.has(r.phrase)));
  await db.insert(watchedWords).values(rows).onConflictDoNothing();
  if (!upgrade) return;
  for (const [phrase, tier, variants] of STARTER_CRISIS.filter(([p]) => v1.has(p)))
    await db
      .update(watchedWords)
      .set({ tier, variants: [...(variants ?? [])] })
      .where(
        and(
          sql`lower(${watchedWords.phrase}) = lower(${phrase})`,
          eq(watchedWords.action, "crisis"),
          isNull(watchedWords.tier),
        ),
      );
}
