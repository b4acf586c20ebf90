import type { Activity } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useActivities, useActivity } from "../api/activities";
import { ActivityActions } from "../components/activities/activity-actions";
import { ActivityCard, ActivityPlace, MyStatus, SeatsLine } from "../components/activities/activity-card";
import { NewActivityForm } from "../components/activities/activity-form";
import { When } from "../components/activities/activity-when";
import { ORGANISER_ROLES } from "../components/activities/activity-words";
import { CancelActivity } from "../components/activities/cancel-activity";
import { ParticipantsSection } from "../components/activities/participants";
import { FormMessage } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import "./activities.css";

/**
 * Group activities (issue 19 §4, decision 141): upcoming sessions as cards to sign up for or queue
 * for; organisers also create sessions here.
 */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useActivities();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState(false);
  const organiser = ORGANISER_ROLES.includes(me.role);
  return (
    <Page
      title={t("activities.title")}
      actions={
        organiser &&
        !creating && (
          <button
            type="button"
            className="btn primary"
            onClick={() => {
              setCreating(true);
              setCreated(false);
            }}
          >
            {t("activities.new")}
          </button>
        )
      }
    >
      {creating && (
        <NewActivityForm
          onDone={() => {
            setCreating(false);
            setCreated(true);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <FormMessage success={created ? t("activities.created") : null} />
      <section aria-labelledby="upcoming-act-h">
        <h2 id="upcoming-act-h">{t("activities.upcoming")}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorBox error={list.error} retry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Empty>{t("activities.none")}</Empty>
        ) : (
          <ul className="list activity-list">
            {list.data.map((a) => (
              <ActivityCard key={a.id} a={a} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

/** One activity: its facts, the caller's status and button; organisers the participants and attendance. */
export function ActivityPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useActivity(id);
  if (q.isPending) return <Loading />;
  if (q.isError)
    return (
      <Page title={t("activities.title")}>
        <ErrorBox error={q.error} />
      </Page>
    );
  const a = q.data;
  return (
    <Page title={a.topic} lead={<Link to="/activities">{t("activities.back")}</Link>}>
      <ActivityFacts a={a} />
      {a.canManage && <ParticipantsSection a={a} />}
    </Page>
  );
}

function ActivityFacts({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const rows: [string, React.ReactNode][] = [
    [t("activities.when"), <When key="w" a={a} />],
    [t("activities.kindLabel"), t(`activities.kind.${a.kind}`)],
    [t("activities.facilitator"), a.facilitator],
    [t("activities.where"), <ActivityPlace key="p" a={a} />],
    [t("activities.audienceLabel"), t(`activities.audience.${a.audience}`)],
    [t("activities.seats"), <SeatsLine key="s" a={a} />],
  ];
  return (
    <section className="card session-card" aria-label={t("activities.details")}>
      <dl className="confirm-summary activity-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <MyStatus a={a} />
      <ActivityActions a={a} />
      <CancelActivity a={a} />
    </section>
  );
}
