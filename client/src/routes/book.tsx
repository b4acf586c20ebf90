import type { Booking, BookingSeries, Child, Slot } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useAvailability, useSlots, useStations } from "../api/booking";
import { useChildren, useFamilies } from "../api/core";
import { BookingDone, ConfirmBooking } from "../components/booking/confirm-booking";
import { DateStrip } from "../components/booking/date-strip";
import { SeriesDone } from "../components/booking/series-done";
import { SessionCard } from "../components/booking/session-card";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";

const DAY = 86_400_000;

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

/**
 * Booking as easy as a hospital appointment (issue 19 §5): pick a child (skipped when there is
 * one), a day on the 14-day strip, a session card, then confirm with an optional note.
 * `?child=&date=&slot=` (from "book again") opens a session's confirmation directly.
 */
export function BookPage({ family }: { family?: { id: string; name: string } } = {}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const allChildren = useChildren();
  const children = family ? allChildren.data?.filter((c) => c.familyId === family.id) : allChildren.data;
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
  const child =
    children.find((c) => c.id === params.get("child")) ?? (children.length === 1 ? children[0] : undefined);
  const pickChild = (id: string) => setParams(id ? { child: id } : {});
  return (
    <Page title={title}>
      {family && (
        <>
          <p className="muted small">
            <Link to={`/families/${family.id}`}>{t("onBehalf.back")}</Link>
          </p>
          <p className="notice">{t("onBehalf.lead")}</p>
        </>
      )}
      {children.length > 1 && <ChildPicker choices={children} chosen={child?.id} onPick={pickChild} />}
      {child && (
        <BookingSteps
          key={child.id}
          child={child}
          family={family}
          initialDate={params.get("date")}
          initialSlot={params.get("slot")}
        />
      )}
    </Page>
  );
}

/** Big buttons, one per child; the chosen one is pressed. */
function ChildPicker({
  choices,
  chosen,
  onPick,
}: {
  choices: Child[];
  chosen: string | undefined;
  onPick(id: string): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="child-picker">
      <legend>{t("booking.forChild")}</legend>
      <div className="row">
        {choices.map((c) => (
          <button
            key={c.id}
            type="button"
            className={c.id === chosen ? "btn primary" : "btn"}
            aria-pressed={c.id === chosen}
            onClick={() => onPick(c.id)}
          >
            {c.nickname}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

type Step =
  | { kind: "browse" }
  | { kind: "confirm"; slot: Slot; waitlist: boolean }
  | { kind: "done"; booking: Booking }
  | { kind: "series"; series: BookingSeries };

/** The strip, the day's sessions, the confirmation and the done screen for one child. */
function BookingSteps({
  child,
  family,
  initialDate,
  initialSlot,
}: {
  child: Child;
  family: { id: string } | undefined;
  initialDate: string | null;
  initialSlot: string | null;
}) {
  const { t } = useTranslation();
  const days = useAvailability(child.id);
  const stations = useStations();
  const [picked, setPicked] = useState<string | null>(initialDate);
  const [step, setStep] = useState<Step>({ kind: "browse" });
  const [pendingSlot, setPendingSlot] = useState(initialSlot);
  if (days.isPending) return <Loading />;
  if (days.isError) return <ErrorBox error={days.error} retry={() => void days.refetch()} />;
  const date =
    picked ??
    (days.data.find((d) => d.bookable > 0) ?? days.data.find((d) => d.waitlistable > 0) ?? days.data[0]!)
      .date;
  const stationOf = (id: string) => stations.data?.find((s) => s.id === id);

  if (step.kind === "confirm")
    return (
      <ConfirmBooking
        slot={step.slot}
        station={stationOf(step.slot.stationId)}
        child={child}
        waitlist={step.waitlist}
        onBack={() => setStep({ kind: "browse" })}
        onDone={(booking) => setStep({ kind: "done", booking })}
        onSeriesDone={(series) => setStep({ kind: "series", series })}
      />
    );
  const seeLink = family ? `/families/${family.id}` : "/bookings";
  const seeLabel = family ? t("onBehalf.seeFamily") : t("booking.seeMine");
  const another = () => {
    setStep({ kind: "browse" });
    void days.refetch();
  };
  if (step.kind === "series")
    return <SeriesDone series={step.series} seeLink={seeLink} seeLabel={seeLabel} onAnother={another} />;
  if (step.kind === "done")
    return <BookingDone booking={step.booking} seeLink={seeLink} seeLabel={seeLabel} onAnother={another} />;
  return (
    <>
      <p className="lead">{t("bookFlow.lead", { child: child.nickname })}</p>
      <DateStrip days={days.data} selected={date} onPick={setPicked} />
      <DaySessions
        date={date}
        childId={child.id}
        stationOf={stationOf}
        preselect={pendingSlot}
        onChoose={(slot, waitlist) => {
          setPendingSlot(null);
          setStep({ kind: "confirm", slot, waitlist });
        }}
      />
    </>
  );
}

/** The chosen day's sessions: those the child can book (or wait for) first, the rest behind "show all". */
function DaySessions({
  date,
  childId,
  stationOf,
  preselect,
  onChoose,
}: {
  date: string;
  childId: string;
  stationOf(id: string): Parameters<typeof SessionCard>[0]["station"];
  preselect: string | null;
  onChoose(slot: Slot, waitlist: boolean): void;
}) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  // a day either side: each station lists its sessions by its own local date
  const start = Date.parse(`${date}T00:00:00Z`);
  const slots = useSlots({
    from: new Date(start - DAY).toISOString(),
    to: new Date(start + 2 * DAY).toISOString(),
    childId,
  });
  const ofDay = slots.data?.filter((s) => s.localDate === date) ?? [];
  const wanted = preselect ? ofDay.find((s) => s.id === preselect && s.bookability?.bookable) : undefined;
  // "book again" chose the session already: straight to its confirmation
  useEffect(() => {
    if (wanted) onChoose(wanted, false);
  }, [wanted, onChoose]);
  if (slots.isPending) return <Loading />;
  if (slots.isError) return <ErrorBox error={slots.error} retry={() => void slots.refetch()} />;
  const open = ofDay.filter((s) => s.bookability?.bookable || s.bookability?.canWaitlist);
  const hidden = ofDay.length - open.length;
  const shown = showAll ? ofDay : open;
  return (
    <section aria-labelledby="day-h" className="section">
      <h2 id="day-h">{t("bookFlow.sessionsOf", { count: open.length })}</h2>
      {shown.length === 0 ? (
        <Empty>{ofDay.length === 0 ? t("bookFlow.noSessions") : t("bookFlow.noneForChild")}</Empty>
      ) : (
        <ul className="list" aria-label={t("booking.slotsLabel")}>
          {shown.map((s) => (
            <SessionCard
              key={s.id}
              slot={s}
              station={stationOf(s.stationId)}
              onChoose={(w) => onChoose(s, w)}
            />
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <button
          type="button"
          className="btn small"
          aria-expanded={showAll}
          onClick={() => setShowAll((v) => !v)}
        >
          {showAll ? t("bookFlow.hideOthers") : t("bookFlow.showAll", { count: hidden })}
        </button>
      )}
    </section>
  );
}
