import type { Incident } from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAcknowledgeIncident, useAddAddendum, useIncident, useIncidents } from "../api/station-day";
import { BodyOutline } from "../components/body-outline";
import { errorText, FormMessage, SubmitButton, TextArea } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";

/** Incident reports the caller may see, newest first; unacknowledged ones are marked. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const d = useDates();
  const list = useIncidents();
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} retry={() => void list.refetch()} />;
  return (
    <Page title={t("incidents.title")}>
      {list.data.length === 0 ? (
        <Empty>{t("incidents.none")}</Empty>
      ) : (
        <ul className="list">
          {list.data.map((i) => (
            <li key={i.id} className="list-item">
              <Link to={`/incidents/${i.id}`}>
                {i.child.nickname} · {i.station.name} · {d.day(i.occurredAt)} {d.time(i.occurredAt)}
              </Link>{" "}
              {!i.acknowledged && <span className="tag warn">{t("incidents.unacknowledged")}</span>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** One report as signed, its addenda, and the family's acknowledgement (or the button to give it). */
export function IncidentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const incident = useIncident(id);
  if (incident.isPending) return <Loading />;
  if (incident.isError) return <ErrorBox error={incident.error} retry={() => void incident.refetch()} />;
  return (
    <Page title={t("incidents.reportTitle", { name: incident.data.child.nickname })}>
      <IncidentBody i={incident.data} />
      <Acknowledgement i={incident.data} />
      <Addenda i={incident.data} />
    </Page>
  );
}

function IncidentBody({ i }: { i: Incident }) {
  const { t } = useTranslation();
  const d = useDates();
  return (
    <section className="card" aria-labelledby="inc-h">
      <h2 id="inc-h">
        {i.station.name} · {d.day(i.occurredAt)} {d.time(i.occurredAt)}
      </h2>
      <dl className="notes">
        <div>
          <dt>{t("incidents.what")}</dt>
          <dd>{i.whatHappened}</dd>
        </div>
        <div>
          <dt>{t("incidents.firstAid")}</dt>
          <dd>{i.firstAid || t("incidents.noneGiven")}</dd>
        </div>
        <div>
          <dt>{t("incidents.witnesses")}</dt>
          <dd>{i.witnesses || t("incidents.noneGiven")}</dd>
        </div>
      </dl>
      <h3>{t("incidents.where")}</h3>
      <BodyOutline value={i.bodyLocations} readOnly />
      <p className="small muted">
        {t("incidents.filedBy", {
          name: i.filedBy?.displayName ?? "—",
          at: `${d.day(i.createdAt)} ${d.time(i.createdAt)}`,
        })}
      </p>
    </section>
  );
}

function Acknowledgement({ i }: { i: Incident }) {
  const { t } = useTranslation();
  const d = useDates();
  const me = useMe();
  const ack = useAcknowledgeIncident();
  if (i.acknowledged)
    return (
      <p className="card" role="status">
        ✓{" "}
        {t("incidents.acknowledgedBy", {
          name: i.acknowledged.by?.displayName ?? "—",
          at: `${d.day(i.acknowledged.at)} ${d.time(i.acknowledged.at)}`,
        })}
      </p>
    );
  if (me.role !== "caregiver") return <p className="card muted">{t("incidents.awaitingAck")}</p>;
  return (
    <section className="card" aria-labelledby="ack-h">
      <h2 id="ack-h">{t("incidents.ackTitle")}</h2>
      <p>{t("incidents.ackHelp")}</p>
      <FormMessage error={ack.isError ? errorText(ack.error, t) : null} />
      <button type="button" className="btn primary" disabled={ack.isPending} onClick={() => ack.mutate(i.id)}>
        {t("incidents.ack")}
      </button>
    </section>
  );
}

function Addenda({ i }: { i: Incident }) {
  const { t } = useTranslation();
  const d = useDates();
  const me = useMe();
  const add = useAddAddendum();
  const [body, setBody] = useState("");
  const mayAdd = me.role === "station_staff" || me.role === "social_worker";
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!body.trim()) return;
    await add.mutateAsync({ id: i.id, body });
    setBody("");
  }
  if (i.addenda.length === 0 && !mayAdd) return null;
  return (
    <section className="card" aria-labelledby="add-h">
      <h2 id="add-h">{t("incidents.addenda")}</h2>
      <ul className="list">
        {i.addenda.map((a) => (
          <li key={a.id} className="list-item">
            <p>{a.body}</p>
            <p className="small muted">
              {a.author?.displayName ?? "—"} · {d.day(a.createdAt)} {d.time(a.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      {mayAdd && (
        <form onSubmit={(ev) => void submit(ev).catch(() => undefined)}>
          <TextArea
            label={t("incidents.addendum")}
            hint={t("incidents.addendumHint")}
            value={body}
            onChange={(ev) => setBody(ev.target.value)}
            rows={2}
            maxLength={2000}
          />
          <FormMessage error={add.isError ? errorText(add.error, t) : null} />
          <SubmitButton busy={add.isPending}>{t("incidents.addAddendum")}</SubmitButton>
        </form>
      )}
    </section>
  );
}
