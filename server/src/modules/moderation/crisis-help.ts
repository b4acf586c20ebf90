import type { DbOrTx } from "../../db/client.js";
import { alertsRepo } from "./alerts.repo.js";
import { DEFAULT_CRISIS_HELP } from "./alerts.service.js";

/** The platform setting that holds the crisis help text (written by `alerts.setHelp`). */
export const CRISIS_HELP_KEY = "crisis_help_text";

/**
 * The crisis help text (hotline numbers) in `locale`, for readers outside moderation: the
 * caregiver's high-stress check-in shows it next to the respite offer.
 */
export async function crisisHelpText(db: DbOrTx, locale: "zh-CN" | "en"): Promise<string> {
  const stored = await alertsRepo.getSetting<Partial<typeof DEFAULT_CRISIS_HELP>>(db, CRISIS_HELP_KEY);
  return { ...DEFAULT_CRISIS_HELP, ...(stored ?? {}) }[locale];
}
