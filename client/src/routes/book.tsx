import { SERVICE_TYPES, type ServiceType, type Slot } from "@carecircle/shared";
import { addDays, format, startOfDay } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useBook, useSlots, useStations } from "../api/booking";
import { useChildren, useFamilies } from "../api/core";
import { errorText, SelectField, TextField } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";

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

/** Caregiver: find a slot for a chosen child and book it, or join its waitlist. */
export function BookPage({ family }: { family?: { id: string; name: string } } = {}) {
  const { t } = useTranslation();
  const allChildren = useChildren();
  // on behalf: only the children of that family
  const children = family
    ? { ...allChildren, data: allChildren.data?.filter((c) => c.familyId === family.id) }
    : allChildren;
  const stations = useStations();
  const [childId, setChildId] = useState("");
  const [stationId, setStationId] = useState("");
  const [serviceType, setServiceType] = useState<ServiceType | "">("");
  const [date, setDate] = useState(() => format(new Date(), "yyyy-MM-dd"));
  const chosenChild = childId || children.data?.[0]?.id || "";
  const from = startOfDay(new Date(`${date}T00:00:00`));
  const slots = useSlots(
    {
      from: from.toISOString(),
      to: addDays(from, 7).toISOString(),
      stationId: stationId || undefined,
      serviceType: serviceType || undefined,
      childId: chosenChild || undefined,
    },
    !!chosenChild && !Number.isNaN(from.getTime()),
  );

  const title = family ? t("onBehalf.title", { family: family.name }) : t("booking.findTitle");
  if (allChildren.isPending) return <Loading />;
  if (allChildren.isError) return <ErrorBox error={allChildren.error} />;
  if (!children.data || children.data.length === 0)
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
      <form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t("booking.forChild")}
          value={chosenChild}
          options={children.data.map((c) => ({ value: c.id, label: c.nickname }))}
          onChange={(e) => setChildId(e.target.value)}
        />
        <SelectField
          label={t("booking.station")}
          value={stationId}
          options={[
            { value: "", label: t("booking.allStations") },
            ...(stations.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.district}）` })),
          ]}
          onChange={(e) => setStationId(e.target.value)}
        />
        <SelectField
          label={t("booking.service")}
          value={serviceType}
          options={[
            { value: "", label: t("booking.allServices") },
            ...SERVICE_TYPES.map((s) => ({ value: s, label: t(`service.${s}`) })),
          ]}
          onChange={(e) => setServiceType(e.target.value as ServiceType | "")}
        />
        <TextField
          label={t("booking.fromDate")}
          hint={t("booking.fromDateHint")}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </form>
      {slots.isPending ? (
        <Loading />
      ) : slots.isError ? (
        <ErrorBox error={slots.error} retry={() => void slots.refetch()} />
      ) : slots.data.length === 0 ? (
        <Empty>{t("booking.noSlots")}</Empty>
      ) : (
        <ul className="list" aria-label={t("booking.slotsLabel")}>
          {slots.data.map((s) => (
            <SlotItem
              key={s.id}
              slot={s}
              childId={chosenChild}
              seeLink={family ? `/families/${family.id}` : "/bookings"}
              seeLabel={family ? t("onBehalf.seeFamily") : t("booking.seeMine")}
            />
          ))}
        </ul>
      )}
    </Page>
  );
}

/** One slot with its seats, why it cannot be booked, and one tap to book or join its waitlist. */
export function SlotItem({
  slot: s,
  childId,
  seeLink,
  seeLabel,
  lead,
}: {
  slot: Slot;
  childId: string;
  seeLink: string;
  seeLabel: string;
  /** A first line, e.g. which child the slot is for. */
  lead?: string;
}) {
  const { t } = useTranslation();
  const d = useDates();
  const book = useBook();
  const [msg, setMsg] = useState<{ ok?: string; error?: string }>({});
  const b = s.bookability;
  const reasons = (b?.reasons ?? []).filter((r) => r !== "full");

  async function go(waitlist: boolean) {
    setMsg({});
    try {
      const { booking } = await book.mutateAsync({ slotId: s.id, childId, waitlist });
      setMsg({
        ok:
          booking.status === "waitlisted"
            ? t("booking.waitlisted", { position: booking.waitlistPosition ?? "?" })
            : t("booking.booked"),
      });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  const label = `${d.day(s.startsAt, s.station.timeZone)} ${s.localStartTime}–${s.localEndTime} ${s.station.name}`;
  return (
    <li className="list-item slot" aria-label={label}>
      {lead && <p className="muted small">{lead}</p>}
      <p>
        <strong>
          {d.day(s.startsAt, s.station.timeZone)} {s.localStartTime}–{s.localEndTime}
        </strong>{" "}
        <span className="tag">{t(`service.${s.serviceType}`)}</span>
      </p>
      <p>
        {s.station.name} · {s.station.district}
      </p>
      <p className={s.seatsLeft > 0 ? "seats" : "seats full"}>
        {s.cancelled
          ? t("booking.slotCancelled", { reason: s.cancelReason ?? "" })
          : s.seatsLeft > 0
            ? t("booking.seatsLeft", { count: s.seatsLeft, capacity: s.capacity })
            : t("booking.full", { count: s.waitlistCount })}
      </p>
      {reasons.length > 0 && (
        <ul className="reasons">
          {reasons.map((r) => (
            <li key={r}>{t(`booking.reasons.${r}`)}</li>
          ))}
        </ul>
      )}
      {msg.ok && (
        <p className="form-success" role="status">
          {msg.ok} <Link to={seeLink}>{seeLabel}</Link>
        </p>
      )}
      {msg.error && (
        <p className="form-error" role="alert">
          {msg.error}
        </p>
      )}
      {!msg.ok && b?.bookable && (
        <button
          type="button"
          className="btn primary"
          disabled={book.isPending}
          onClick={() => void go(false)}
        >
          {t("booking.book")}
        </button>
      )}
      {!msg.ok && !b?.bookable && b?.canWaitlist && (
        <button type="button" className="btn" disabled={book.isPending} onClick={() => void go(true)}>
          {t("booking.joinWaitlist")}
        </button>
      )}
    </li>
  );
}
