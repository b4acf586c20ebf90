import type { PolicyCard, PolicyFit } from "@carecircle/shared";
import { useTranslation } from "react-i18next";

/** A card's title and summary in the reader's language (Chinese when no English was written). */
export function useCardText(card: Pick<PolicyCard, "title" | "summary" | "titleEn" | "summaryEn">) {
  const { i18n } = useTranslation();
  const en = i18n.language === "en";
  return {
    title: (en && card.titleEn) || card.title,
    summary: (en && card.summaryEn) || card.summary,
  };
}

/** "Apply by 2026-08-01", or "Open all year". */
export function DeadlineLine({ deadline }: { deadline: string | null }) {
  const { t } = useTranslation();
  return (
    <p className="policy-deadline">
      <strong>{deadline ? t("policies.deadline", { date: deadline }) : t("policies.ongoing")}</strong>
    </p>
  );
}

/** Why a card fits one child: "Fits 乐乐: autism, age 6". */
export function FitLine({ fit }: { fit: PolicyFit }) {
  const { t } = useTranslation();
  const reasons = [
    ...fit.disabilityTypes.map((d) => t(`disability.${d}`)),
    ...(fit.distressType ? [t(`distress.${fit.distressType}`)] : []),
    ...(fit.age !== null ? [t("policies.age", { age: fit.age })] : []),
    ...(fit.householdStatus ? [t(`policies.household.${fit.householdStatus}`)] : []),
  ];
  return (
    <p className="policy-fit">
      {t("policies.fits", { name: fit.nickname, reasons: reasons.join(t("policies.listSep")) })}
    </p>
  );
}

/** The documents to bring, as a list (or nothing when none are needed). */
export function DocumentsList({ documents }: { documents: string[] }) {
  const { t } = useTranslation();
  if (documents.length === 0) return null;
  return (
    <div className="policy-docs">
      <p className="policy-label">{t("policies.documents")}</p>
      <ul>
        {documents.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </div>
  );
}
