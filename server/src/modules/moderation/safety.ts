import type { Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import type { ContentSafety } from "../messages/content-safety.js";
import type { AlertsService } from "./alerts.service.js";
import { reportsRepo } from "./reports.repo.js";
import { highestTier } from "./watched-words.js";
import type { WatchedWordsService } from "./watched-words.service.js";

/**
 * Watched words applied to messages: `block` is refused by the message service before storing;
 * here, after a `crisis` or `flag` match is stored (same unit of work), an alert is raised or a
 * report is filed automatically. Built before the message service, which it is given to.
 */
export function createContentSafety(
  words: WatchedWordsService,
  alerts: Pick<AlertsService, "raise" | "supportText">,
): ContentSafety {
  return {
    screen: (text) => words.screen(text),

    async onDelivered(tx: Tx, uow: UnitOfWork, view, screening) {
      const m = view.row;
      const crisis = screening.matches.filter((x) => x.action === "crisis");
      const flagged = screening.matches.filter((x) => x.action === "flag");
      // The report is told before the alert, as moderators always saw them.
      if (flagged.length > 0 && !(await reportsRepo.hasOpenAutomatic(tx, m.id))) {
        await reportsRepo.insert(tx, {
          messageId: m.id,
          groupId: m.groupId,
          reporterId: null,
          reason: "other",
          note: `watched words: ${flagged.map((f) => f.phrase).join(", ")}`,
        });
        uow.publish({
          type: "report.filed",
          report: {
            groupId: m.groupId,
            messageId: m.id,
            reason: "other",
            reporterCount: 0,
            automatic: true,
            hidden: m.hiddenAt !== null,
          },
        });
      }
      if (crisis.length > 0)
        await alerts.raise(tx, uow, {
          groupId: m.groupId,
          messageId: m.id,
          source: "word",
          tier: highestTier(crisis) ?? "distress",
        });
    },

    supportText: (locale) => alerts.supportText(locale),
  };
}
