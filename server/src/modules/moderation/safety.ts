import type { Deps } from "../../deps.js";
import { rooms } from "../../realtime/rooms.js";
import type { AfterCommit, ContentSafety } from "../messages/content-safety.js";
import type { AlertsService } from "./alerts.service.js";
import { reportsRepo } from "./reports.repo.js";
import { highestTier } from "./watched-words.js";
import type { WatchedWordsService } from "./watched-words.service.js";

/**
 * Watched words applied to messages: `block` is refused by the message service before storing;
 * here, after a `crisis` or `flag` match is stored (same transaction), an alert is raised or a
 * report is filed automatically.
 */
export function createContentSafety(
  deps: Deps,
  words: WatchedWordsService,
  alerts: AlertsService,
): ContentSafety {
  return {
    screen: (text) => words.screen(text),

    async onDelivered(tx, view, screening) {
      const m = view.row;
      const afters: AfterCommit[] = [];
      const crisis = screening.matches.filter((x) => x.action === "crisis");
      if (crisis.length > 0)
        afters.push(
          await alerts.raise(tx, {
            groupId: m.groupId,
            messageId: m.id,
            source: "word",
            tier: highestTier(crisis) ?? "distress",
          }),
        );
      const flagged = screening.matches.filter((x) => x.action === "flag");
      if (flagged.length > 0 && !(await reportsRepo.hasOpenAutomatic(tx, m.id))) {
        await reportsRepo.insert(tx, {
          messageId: m.id,
          groupId: m.groupId,
          reporterId: null,
          reason: "other",
          note: `watched words: ${flagged.map((f) => f.phrase).join(", ")}`,
        });
        afters.push(() =>
          deps.realtime.emitTo(rooms.moderators(m.groupId), "moderation:report", {
            groupId: m.groupId,
            messageId: m.id,
            reason: "other",
            reporterCount: 0,
            automatic: true,
            hidden: m.hiddenAt !== null,
          }),
        );
      }
      return () => {
        for (const f of afters) f();
      };
    },

    supportText: (locale) => alerts.supportText(locale),
  };
}
