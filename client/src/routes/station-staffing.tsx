import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useStationStaffing } from "../api/care-needs";
import { CoverageNoticeProvider } from "../components/staffing/coverage-notice";
import { ExceptionList } from "../components/staffing/exceptions";
import { StaffList } from "../components/staffing/qualifications";
import { RatioSection } from "../components/staffing/ratios";
import { ShiftList } from "../components/staffing/shifts";
import { ErrorBox, Loading, Page } from "../components/ui";

/**
 * "Staff & shifts" of a station (issue 19 §1): qualifications with expiry (renew, remove), weekly
 * shifts, days off and extra hours, and ratios. A change that uncovers booked children says so at
 * once, linking to the coverage alert (decision 153).
 */
export function StationStaffingPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const staffing = useStationStaffing(id);
  if (staffing.isPending) return <Loading />;
  if (staffing.isError) return <ErrorBox error={staffing.error} retry={() => void staffing.refetch()} />;
  return (
    <Page title={t("staffing.title")}>
      <p className="muted small">
        <Link to={`/stations/${id}`}>{t("staffing.back")}</Link>
      </p>
      <CoverageNoticeProvider stationId={id}>
        <ExceptionList s={staffing.data} />
        <StaffList s={staffing.data} />
        <ShiftList s={staffing.data} />
        <RatioSection s={staffing.data} />
      </CoverageNoticeProvider>
    </Page>
  );
}
