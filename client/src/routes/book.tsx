import { type Child, SERVICE_TYPES, type ServiceType } from "@carecircle/shared";
import { addDays, format, startOfDay } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useSlots, useStations } from "../api/booking";
import { useChildren, useFamilies } from "../api/core";
import { SelectField, TextField } from "../components/form";
import { SlotItem } from "../components/slot-item";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";

/** Social worker (or admin): book for a child of an assigned family; the server records onBehalf. */
export function BookForFamilyPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const families = useFamilies();
  if (families.isPending) return <Loading />;
  if (families.isError) return <ErrorBox error={families.error} retry={() => void families.refetch()} />;
  const f = families.data.find((x) => x.id === id);
  if (!f)
    return (
      <Page title={t("common.notFound")}>
        <p>{t("common.notFoundHelp")}</p>
      </Page>
    );
  const name = f.caregivers.map((c) => c.displayName).join("、") || t("families.title");
  return <BookPage family={{ id: f.id, name }} />;
}

/** The filters a caregiver narrows the slots by; the date is the first of seven days shown. */
interface SlotFilters {
  childId: string;
  stationId: string;
  serviceType: ServiceType | "";
  date: string;
}

/** Caregiver: find a slot for a chosen child and book it, or join its waitlist. */
export function BookPage({ family }: { family?: { id: string; name: string } } = {}) {
  const { t } = useTranslation();
  const allChildren = useChildren();
  // on behalf: only the children of that family
  const children = family ? allChildren.data?.filter((c) => c.familyId === family.id) : allChildren.data;
  const [filters, setFilters] = useState<SlotFilters>(() => ({
    childId: "",
    stationId: "",
    serviceType: "",
    date: format(new Date(), "yyyy-MM-dd"),
  }));
  const chosen = { ...filters, childId: filters.childId || children?.[0]?.id || "" };

  const title = family ? t("onBehalf.title", { family: family.name }) : t("booking.findTitle");
  if (allChildren.isPending) return <Loading />;
  if (allChildren.isError) return <ErrorBox error={allChildren.error} />;
  if (!children || children.length === 0)
    return (
      <Page title={title}>
        {family ? (
          <Empty>{t("onBehalf.noChildren")}</Empty>
        ) : (
          <Empty>
            {t("booking.needChild")} <Link to="/children/new">{t("children.add")}</Link>
          </Empty>
        )}
      </Page>
    );

  return (
    <Page title={title}>
      {family ? (
        <>
          <p className="muted small">
            <Link to={`/families/${family.id}`}>{t("onBehalf.back")}</Link>
          </p>
          <p className="notice">{t("onBehalf.lead")}</p>
        </>
      ) : (
        <p className="lead">{t("booking.findLead")}</p>
      )}
      <FilterForm
        choices={children}
        filters={chosen}
        onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
      />
      <SlotResults filters={chosen} family={family} />
    </Page>
  );
}

/** Which child, station, service and first day; `onChange` gets only the field that changed. */
function FilterForm({
  choices,
  filters,
  onChange,
}: {
  choices: Child[];
  filters: SlotFilters;
  onChange(patch: Partial<SlotFilters>): void;
}) {
  const { t } = useTranslation();
  const stations = useStations();
  return (
    <form className="card filters" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        label={t("booking.forChild")}
        value={filters.childId}
        options={choices.map((c) => ({ value: c.id, label: c.nickname }))}
        onChange={(e) => onChange({ childId: e.target.value })}
      />
      <SelectField
        label={t("booking.station")}
        value={filters.stationId}
        options={[
          { value: "", label: t("booking.allStations") },
          ...(stations.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.district}）` })),
        ]}
        onChange={(e) => onChange({ stationId: e.target.value })}
      />
      <SelectField
        label={t("booking.service")}
        value={filters.serviceType}
        options={[
          { value: "", label: t("booking.allServices") },
          ...SERVICE_TYPES.map((s) => ({ value: s, label: t(`service.${s}`) })),
        ]}
        onChange={(e) => onChange({ serviceType: e.target.value as ServiceType | "" })}
      />
      <TextField
        label={t("booking.fromDate")}
        hint={t("booking.fromDateHint")}
        type="date"
        value={filters.date}
        onChange={(e) => onChange({ date: e.target.value })}
      />
    </form>
  );
}

/** The bookable slots of the seven days from the chosen date. */
function SlotResults({ filters, family }: { filters: SlotFilters; family?: { id: string } | undefined }) {
  const { t } = useTranslation();
  const from = startOfDay(new Date(`${filters.date}T00:00:00`));
  const slots = useSlots(
    {
      from: from.toISOString(),
      to: addDays(from, 7).toISOString(),
      stationId: filters.stationId || undefined,
      serviceType: filters.serviceType || undefined,
      childId: filters.childId || undefined,
    },
    !!filters.childId && !Number.isNaN(from.getTime()),
  );
  if (slots.isPending) return <Loading />;
  if (slots.isError) return <ErrorBox error={slots.error} retry={() => void slots.refetch()} />;
  if (slots.data.length === 0) return <Empty>{t("booking.noSlots")}</Empty>;
  return (
    <ul className="list" aria-label={t("booking.slotsLabel")}>
      {slots.data.map((s) => (
        <SlotItem
          key={s.id}
          slot={s}
          childId={filters.childId}
          seeLink={family ? `/families/${family.id}` : "/bookings"}
          seeLabel={family ? t("onBehalf.seeFamily") : t("booking.seeMine")}
        />
      ))}
    </ul>
  );
}
