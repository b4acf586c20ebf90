import type { CrisisTier, MatchForm } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import { AppError } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { MessageView } from "./messages.repo.js";

/** What content screening decided for a text (watched words); see the moderation module. */
export interface Screening {
  /** `block` refuses the text; `crisis`/`flag` deliver it and then alert or file a report. */
  action: "block" | "crisis" | "flag" | null;
  /** Matched rules: id, phrase, action, crisis tier (null for other actions) and how it matched. */
  matches: ScreeningMatch[];
}

/** One watched word that matched a text (exceptions already applied). */
export interface ScreeningMatch {
  id: string;
  phrase: string;
  action: "block" | "crisis" | "flag";
  /** `distress` < `intent` < `imminent` for crisis entries; null for block and flag. */
  tier: CrisisTier | null;
  /** How it matched: as written, via traditional characters, pinyin, or a slang variant. */
  form: MatchForm;
}

/** Content safety the message service is built with (implemented by the moderation module). */
export interface ContentSafety {
  screen(text: string): Promise<Screening>;
  /**
   * Inside the delivering unit of work: a message (new or edited) that matched crisis/flag rules
   * was stored; raise alerts and file reports, recorded to publish after commit.
   */
  onDelivered(
    tx: Tx,
    uow: UnitOfWork,
    view: MessageView,
    screening: Screening,
    author: AuthUser,
  ): Promise<void>;
  /** Help text for the author of crisis talk, in their locale. */
  supportText(locale: string): Promise<string>;
}

/**
 * A kind refusal for blocked words. If the text also reads as crisis talk, the author still gets
 * the help text (the send or edit itself stays refused).
 */
export async function blockedRefusal(
  safety: ContentSafety,
  screening: Screening,
  user: AuthUser,
): Promise<AppError> {
  const crisis = screening.matches.some((m) => m.action === "crisis");
  return new AppError(
    "BLOCKED_CONTENT",
    "Some words in this message are not allowed in the groups. Please change them and send again.",
    crisis ? { support: await safety.supportText(user.locale) } : undefined,
  );
}
