import type { Message } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A policy card shared into a chat (decision 129): the snapshot sent, tapping opens the card. */
export function MessageCard({ m }: { m: Message }) {
  const { t } = useTranslation();
  const card = m.card;
  if (!card) return null;
  return (
    <Link to={`/policies/${card.id}`} className="msg-card">
      <span className="msg-card-kind">{t("policies.cardLabel")}</span>
      <strong className="msg-card-title">{card.title}</strong>
      <span className="msg-card-summary">{card.summary}</span>
      <span className="msg-card-deadline">
        {card.deadline ? t("policies.deadline", { date: card.deadline }) : t("policies.ongoing")}
      </span>
    </Link>
  );
}
