import type { DbOrTx } from "../db/client.js";
import { watchedWords } from "../db/schema/index.js";

/**
 * Starter crisis phrases (Chinese and English). A match delivers the message, alerts the
 * group's moderators and privately shows the author where to get help; it is never a violation.
 */
export const STARTER_CRISIS_PHRASES = [
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
] as const;

/** Insert the starter crisis list (idempotent). */
export async function seedStarterWatchedWords(db: DbOrTx): Promise<void> {
  await db
    .insert(watchedWords)
    .values(STARTER_CRISIS_PHRASES.map((phrase) => ({ phrase, action: "crisis" as const })))
    .onConflictDoNothing();
}
