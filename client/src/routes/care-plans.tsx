import type { CarePlan } from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useChildren } from "../api/core";
import { useCarePlans, useConfirmCarePlan, useSaveCarePlan } from "../api/station-day";
import { errorText, FormMessage, SelectField, SubmitButton, TextArea } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";

/**
 * Care plans per child and station. Caregivers pick a child, read and confirm each plan, and may
 * edit it; staff come from the roster (`?child=&station=&name=`) to write their station's plan.
 */
export function CarePlansPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const kids = useChildren(me.role === "caregiver");
  const childId = params.get("child") ?? kids.data?.[0]?.id ?? "";
  const stationId = params.get("station") ?? "";
  const plans = useCarePlans(childId);
  if (kids.isPending && me.role === "caregiver") return <Loading />;
  const name = kids.data?.find((k) => k.id === childId)?.nickname ?? params.get("name") ?? "";
  const forStation = plans.data?.find((p) => p.station.id === stationId);
  return (
    <Page title={t("carePlans.title")}>
      {me.role === "caregiver" && (kids.data?.length ?? 0) > 1 && (
        <SelectField
          label={t("carePlans.child")}
          value={childId}
          options={(kids.data ?? []).map((k) => ({ value: k.id, label: k.nickname }))}
          onChange={(e) => setParams({ child: e.target.value })}
        />
      )}
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <ErrorBox error={plans.error} retry={() => void plans.refetch()} />
      ) : (
        <>
          {plans.data.length === 0 && !stationId && <Empty>{t("carePlans.none", { name })}</Empty>}
          {plans.data.map((p) => (
            <PlanCard key={p.id} p={p} childId={childId} />
          ))}
          {stationId && !forStation && (
            <section className="card" aria-labelledby="new-plan-h">
              <h2 id="new-plan-h">{t("carePlans.newFor", { name })}</h2>
              <PlanForm childId={childId} stationId={stationId} onDone={() => undefined} />
            </section>
          )}
        </>
      )}
    </Page>
  );
}

function PlanCard({ p, childId }: { p: CarePlan; childId: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const me = useMe();
  const confirm = useConfirmCarePlan();
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby={`plan-${p.id}`}>
      <h2 id={`plan-${p.id}`}>{t("carePlans.at", { station: p.station.name })}</h2>
      {editing ? (
        <PlanForm childId={childId} stationId={p.station.id} initial={p} onDone={() => setEditing(false)} />
      ) : (
        <dl className="notes">
          {(["calming", "routines", "emergency"] as const).map((k) => (
            <div key={k}>
              <dt>{t(`carePlans.${k}`)}</dt>
              <dd>{p[k] || "—"}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="small muted">
        {t("carePlans.version", {
          n: p.version,
          name: p.updatedBy?.displayName ?? "—",
          at: d.dateTime(p.updatedAt),
        })}
      </p>
      {p.confirmedAt ? (
        <p role="status">
          ✓{" "}
          {t("carePlans.confirmed", {
            name: p.confirmedBy?.displayName ?? "—",
            at: d.dateTime(p.confirmedAt),
          })}
          {p.reviewDueAt && ` · ${t("carePlans.reviewBy", { at: d.day(p.reviewDueAt) })}`}
        </p>
      ) : (
        <p className="tag warn">{t("carePlans.notConfirmed")}</p>
      )}
      {p.reviewOverdue && <p className="tag warn">{t("carePlans.reviewDue")}</p>}
      <FormMessage error={confirm.isError ? errorText(confirm.error, t) : null} />
      <div className="row">
        {me.role === "caregiver" && !p.confirmedAt && !editing && (
          <button
            type="button"
            className="btn primary"
            disabled={confirm.isPending}
            onClick={() => confirm.mutate(p.id)}
          >
            {t("carePlans.confirm")}
          </button>
        )}
        {!editing && (
          <button type="button" className="btn" onClick={() => setEditing(true)}>
            {t("carePlans.edit")}
          </button>
        )}
      </div>
    </section>
  );
}

function PlanForm({
  childId,
  stationId,
  initial,
  onDone,
}: {
  childId: string;
  stationId: string;
  initial?: CarePlan;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const save = useSaveCarePlan();
  const [v, setV] = useState({
    calming: initial?.calming ?? "",
    routines: initial?.routines ?? "",
    emergency: initial?.emergency ?? "",
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    await save.mutateAsync({ childId, stationId, body: v });
    onDone();
  }
  const field = (k: keyof typeof v) => (
    <TextArea
      label={t(`carePlans.${k}`)}
      hint={t(`carePlans.${k}Hint`)}
      value={v[k]}
      onChange={(e) => setV({ ...v, [k]: e.target.value })}
      rows={3}
      maxLength={2000}
    />
  );
  return (
    <form onSubmit={(e) => void submit(e).catch(() => undefined)}>
      {field("calming")}
      {field("routines")}
      {field("emergency")}
      <p className="small muted">{t("carePlans.saveHint")}</p>
      <FormMessage error={save.isError ? errorText(save.error, t) : null} />
      <SubmitButton busy={save.isPending}>{t("carePlans.save")}</SubmitButton>
    </form>
  );
}
