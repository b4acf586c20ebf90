import type { RosterEntry, Slot } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { format } from "date-fns";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useRoster } from "../api/booking";
import { useMyStations } from "../api/my-stations";
import { SelectField, TextField } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useSocketEvent } from "../realtime/hooks";
import { RosterItem } from "./roster-item";
import { RosterNeeds } from "./roster-needs";

/**
 * Station staff: today's children with their care needs, allergies and medication first, and
 * attendance. Each child's care needs show who on shift is qualified for them
 * (`renderQualifiedStaff`, by default `RosterNeeds`).
 */
export function RosterPage({
  renderQualifiedStaff,
}: {
  renderQualifiedStaff?: (slot: Slot, entry: RosterEntry) => ReactNode;
} = {}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { stations, isPending, error } = useMyStations();
  // `?station=&date=` open a given day (a coverage alert links to it).
  const [params] = useSearchParams();
  const [stationId, setStationId] = useState(() => params.get("station") ?? "");
  const [date, setDate] = useState(() => params.get("date") ?? format(new Date(), "yyyy-MM-dd"));
  const chosen = stationId || stations?.[0]?.id || "";
  const roster = useRoster(chosen, date);
  useSocketEvent("booking:updated", () => void qc.invalidateQueries({ queryKey: ["roster"] }));
  useSocketEvent("slot:updated", () => void qc.invalidateQueries({ queryKey: ["roster"] }));

  if (isPending) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  if (!stations || stations.length === 0)
    return (
      <Page title={t("roster.title")}>
        <Empty>{t("roster.noStation")}</Empty>
      </Page>
    );
  return (
    <Page title={t("roster.title")}>
      <form className="card filters" onSubmit={(e) => e.preventDefault()}>
        {stations.length > 1 && (
          <SelectField
            label={t("booking.station")}
            value={chosen}
            options={stations.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(e) => setStationId(e.target.value)}
          />
        )}
        <TextField
          label={t("roster.date")}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </form>
      {roster.isPending ? (
        <Loading />
      ) : roster.isError ? (
        <ErrorBox error={roster.error} retry={() => void roster.refetch()} />
      ) : roster.data.slots.length === 0 ? (
        <Empty>{t("roster.noSlots")}</Empty>
      ) : (
        roster.data.slots.map(({ slot, entries }) => (
          <section key={slot.id} className="card" aria-labelledby={`slot-${slot.id}`}>
            <h2 id={`slot-${slot.id}`}>
              {slot.localStartTime}–{slot.localEndTime} · {t(`service.${slot.serviceType}`)}
            </h2>
            <p className="muted">
              {t("roster.seats", {
                booked: slot.confirmedCount,
                capacity: slot.capacity,
                waitlist: slot.waitlistCount,
              })}
            </p>
            {entries.length === 0 ? (
              <p className="muted">{t("roster.nobody")}</p>
            ) : (
              <ul className="list">
                {entries.map((e) => (
                  <RosterItem
                    key={e.booking.id}
                    e={e}
                    qualifiedStaff={
                      renderQualifiedStaff ? (
                        renderQualifiedStaff(slot, e)
                      ) : (
                        <RosterNeeds slot={slot} entry={e} />
                      )
                    }
                  />
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </Page>
  );
}
