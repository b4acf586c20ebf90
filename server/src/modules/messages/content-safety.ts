import type { CrisisTier, MatchForm } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
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

/** Runs inside the delivering transaction; answers what to do after commit (emit, notify). */
export type AfterCommit = () => void;

/** Content safety hooks the message service calls (implemented by the moderation module). */
export interface ContentSafety {
  screen(text: string): Promise<Screening>;
  /** A message (new or edited) that matched crisis/flag rules was stored: raise alerts/reports. */
  onDelivered(tx: Tx, view: MessageView, screening: Screening, author: AuthUser): Promise<AfterCommit>;
  /** Help text for the author of crisis talk, in their locale. */
  supportText(locale: string): Promise<string>;
}

/** No screening (until the moderation module plugs in its watched words). */
export const noSafety: ContentSafety = {
  screen: async () => ({ action: null, matches: [] }),
  onDelivered: async () => () => {},
  supportText: async () => "",
};
