import type { CoverageAlert } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCareNeedTypes, useCoverageAlert } from "../api/care-needs";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { needLabel } from "./child-care-needs";

type Item = CoverageAlert["items"][number];

/**
 * A coverage alert (issue 19 §1): the confirmed bookings a staffing change left without the care
 * they need, why, and what to do. Station staff and managers open the roster of the day; a social
 * worker sees only their families' children and opens the family's bookings.
 */
export function CoverageAlertPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const alert = useCoverageAlert(id);
  const d = useDates();
  if (alert.isPending) return <Loading />;
  if (alert.isError) return <ErrorBox error={alert.error} retry={() => void alert.refetch()} />;
  const a = alert.data;
  return (
    <Page title={t("coverage.title")}>
      <p>{t("coverage.intro", { count: a.items.length, station: a.stationName })}</p>
      <p className="notice warn">{t("coverage.whatToDo")}</p>
      <ul className="plain coverage-items">
        {a.items.map((i) => (
          <CoverageItem key={i.bookingId} a={a} i={i} />
        ))}
      </ul>
      <p className="muted small">
        {t("coverage.cause", {
          cause: t(`coverage.causes.${a.cause.replaceAll(" ", "_")}`, {
            defaultValue: t("coverage.causes.other"),
          }),
          at: d.day(a.createdAt),
        })}
      </p>
    </Page>
  );
}

function CoverageItem({ a, i }: { a: CoverageAlert; i: Item }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const types = useCareNeedTypes();
  const d = useDates();
  const byCode = new Map((types.data ?? []).map((ty) => [ty.code, ty]));
  // Offset ISO in the station's time: its date and clock time are the station's.
  const date = i.startsAt.slice(0, 10);
  const needs = i.unmetNeeds
    .map((c) => needLabel(byCode.get(c), c, i18n.language))
    .join(t("coverage.listSep"));
  const social = me.role === "social_worker";
  const to = social
    ? `/families/${encodeURIComponent(i.familyId)}`
    : `/roster?station=${encodeURIComponent(a.stationId)}&date=${date}`;
  return (
    <li className="card">
      <h2>{i.childNickname}</h2>
      <p>
        {t("coverage.when", {
          // The station's calendar day, said the app's way ("12月4日 周五").
          date: d.day(`${date}T12:00:00Z`, "UTC"),
          start: i.startsAt.slice(11, 16),
          end: i.endsAt.slice(11, 16),
        })}
      </p>
      <p>
        <strong>
          {i.reason === "needs_unmet" ? t("coverage.needsUnmet", { needs }) : t("coverage.ratioFull")}
        </strong>
      </p>
      <Link className="btn" to={to}>
        {social ? t("coverage.openFamily") : t("coverage.openRoster")}
      </Link>
    </li>
  );
}
