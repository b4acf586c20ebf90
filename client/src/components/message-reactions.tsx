import type { Message } from "@carecircle/shared";
import { useTranslation } from "react-i18next";

/** A message's reaction counts; pressing one toggles the viewer's own reaction. */
export function MessageReactions({
  reactions,
  myId,
  canReact,
  onReact,
}: {
  reactions: Message["reactions"];
  myId: string;
  canReact: boolean;
  onReact(emoji: string): void;
}) {
  const { t } = useTranslation();
  if (reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label={t("chat.reactions")}>
      {reactions.map((r) => {
        const minePressed = r.userIds.includes(myId);
        return (
          <li key={r.emoji}>
            <button
              type="button"
              className={minePressed ? "reaction on" : "reaction"}
              aria-pressed={minePressed}
              disabled={!canReact}
              aria-label={t("chat.reactionLabel", { emoji: r.emoji, count: r.count })}
              onClick={() => onReact(r.emoji)}
            >
              {r.emoji} {r.count}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
