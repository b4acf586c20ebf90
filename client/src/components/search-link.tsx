import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A small magnifier button that opens the search page limited to one group. */
export function SearchLink({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  return (
    <Link className="btn small" to={`/search?groupId=${groupId}`} aria-label={t("search.inGroup")}>
      <svg
        aria-hidden="true"
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
      >
        <circle cx="10" cy="10" r="6.5" />
        <path d="M15 15l6 6" />
      </svg>
    </Link>
  );
}
