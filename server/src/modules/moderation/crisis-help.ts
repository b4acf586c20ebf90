import type { CrisisHelp, CrisisHelpUpdateInput } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { alertsRepo } from "./alerts.repo.js";

const HELP_KEY = "crisis_help_text";

/**
 * Shown until an operator sets their own text (with local hotline numbers). Said with 您, as the
 * whole app speaks, and without "in the group": it is also shown in private conversations.
 */
export const DEFAULT_CRISIS_HELP: CrisisHelp = {
  "zh-CN":
    "您不是一个人。谢谢您愿意说出来。如果您或孩子现在有危险，请立即拨打 120（急救）或 110（报警）。" +
    "需要有人聊聊，可以拨打全国心理援助热线 12356，或希望24热线 400-161-9995，24 小时都有人接听。" +
    "社工也会尽快联系您。",
  en:
    "You are not alone, and thank you for saying how you feel. If you or your child are in danger right now, " +
    "call 120 (ambulance) or 110 (police). To talk to someone, call the national mental health hotline 12356 " +
    "or the Hope 24 hotline 400-161-9995, open day and night. A social worker will reach out soon.",
};

/** The stored help text over the default, per locale. */
async function readHelp(db: DbOrTx): Promise<CrisisHelp> {
  const stored = await alertsRepo.getSetting<Partial<CrisisHelp>>(db, HELP_KEY);
  return { ...DEFAULT_CRISIS_HELP, ...(stored ?? {}) };
}

/**
 * The crisis help text (hotline numbers) in `locale`, for readers outside moderation: the
 * caregiver's high-stress check-in shows it next to the respite offer.
 */
export async function crisisHelpText(db: DbOrTx, locale: "zh-CN" | "en"): Promise<string> {
  return (await readHelp(db))[locale];
}

/** The supportive help text shown privately to the author of crisis talk (operator-configured, audited). */
export function createCrisisHelp({ db }: Deps) {
  const getHelp = () => readHelp(db);
  return {
    getHelp,

    async setHelp(user: AuthUser, input: CrisisHelpUpdateInput): Promise<CrisisHelp> {
      const before = await getHelp();
      const next = { ...before, ...input };
      await db.transaction(async (tx) => {
        await alertsRepo.putSetting(tx, HELP_KEY, next);
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "crisis_help_changed",
          before: { ...before },
          after: { ...next },
        });
      });
      return next;
    },

    /** The help text in the author's locale. */
    async supportText(locale: string): Promise<string> {
      const help = await getHelp();
      return locale === "en" ? help.en : help["zh-CN"];
    },
  };
}
