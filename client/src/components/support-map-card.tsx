import {
  SUPPORT_TIE_KINDS,
  type SupportMapSnapshot,
  type SupportTie,
  type TieCounts,
} from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDeleteTie, useSaveSnapshot, useSupportMap, useSupportSnapshots } from "../api/support-map";
import { useDates } from "../i18n/dates";
import { Dialog } from "./dialog";
import { errorText, FormMessage, SelectField } from "./form";
import { SupportMapPicture } from "./support-map-picture";
import { SupportTieForm } from "./support-tie-form";
import { ErrorBox, Loading } from "./ui";

const total = (c: readonly number[]) => c.reduce((a, b) => a + b, 0);

/** One tie in plain words; staff may change or remove a recorded one. */
function TieItem({ tie, familyId, editable }: { tie: SupportTie; familyId: string; editable: boolean }) {
  const { t } = useTranslation();
  const remove = useDeleteTie(familyId);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <li>
      <strong>{tie.label}</strong>
      <div className="small">
        {t("supportMap.tieLine", {
          kind: t(`supportMap.kindOne.${tie.kind}`),
          strength: t(`supportMap.strength.${tie.strength}`),
          origin: t(`supportMap.origin.${tie.origin}`),
        })}
      </div>
      <div className="small muted">
        {tie.dimensions.map((d) => t(`supportMap.dimension.${d}`)).join(t("supportMap.sep"))}
      </div>
      {editable && tie.origin === "recorded" && (
        <div className="row">
          <button type="button" className="btn small" onClick={() => setEditing(true)}>
            {t("supportMap.edit")}
            <span className="sr-only"> {tie.label}</span>
          </button>
          <button
            type="button"
            className="btn small danger"
            disabled={remove.isPending}
            onClick={() => remove.mutateAsync(tie.id!).catch((e) => setError(errorText(e, t)))}
          >
            {t("supportMap.remove")}
            <span className="sr-only"> {tie.label}</span>
          </button>
        </div>
      )}
      <FormMessage error={error} />
      <Dialog title={t("supportMap.editTitle")} open={editing} onClose={() => setEditing(false)}>
        <SupportTieForm familyId={familyId} tie={tie} onDone={() => setEditing(false)} />
      </Dialog>
    </li>
  );
}

/** Ties per kind, then against now (all and strong ones). */
function Compare({ then, now }: { then: TieCounts; now: TieCounts }) {
  const { t } = useTranslation();
  const cell = (c: readonly number[]) =>
    `${total(c)}${c[2] ? ` (${t("supportMap.compareStrong", { n: c[2] })})` : ""}`;
  return (
    <table className="compare-table">
      <caption className="sr-only">{t("supportMap.compareTitle")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("supportMap.compareKind")}</th>
          <th scope="col">{t("supportMap.compareThen")}</th>
          <th scope="col">{t("supportMap.compareNow")}</th>
        </tr>
      </thead>
      <tbody>
        {SUPPORT_TIE_KINDS.filter((k) => total(then[k]) + total(now[k]) > 0).map((k) => (
          <tr key={k}>
            <th scope="row">{t(`supportMap.kind.${k}`)}</th>
            <td>{cell(then[k])}</td>
            <td>{cell(now[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Compared with <then>: n more (fewer, as many) sources of support", in plain words. */
function ChangeSentence({ then, now }: { then: SupportMapSnapshot; now: number }) {
  const { t } = useTranslation();
  const d = useDates();
  const diff = now - then.ties.length;
  const key = diff > 0 ? "changeMore" : diff < 0 ? "changeFewer" : "changeSame";
  const vars = {
    date: d.day(then.takenAt),
    reason: t(`supportMap.reason.${then.reason}`),
    count: Math.abs(diff),
  };
  return <p>{t(`supportMap.${key}`, vars)}</p>;
}

/** Now or one of the snapshots, and the "then" snapshot to compare with. */
function ViewPicker({
  snapshots,
  view,
  thenId,
  onView,
  onThen,
}: {
  snapshots: SupportMapSnapshot[];
  view: "now" | "then";
  thenId: string;
  onView(v: "now" | "then"): void;
  onThen(id: string): void;
}) {
  const { t } = useTranslation();
  const d = useDates();
  return (
    <div className="map-toggle">
      <div className="row">
        {(["then", "now"] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={view === v ? "btn primary" : "btn"}
            aria-pressed={view === v}
            onClick={() => onView(v)}
          >
            {t(`supportMap.${v}`)}
          </button>
        ))}
      </div>
      <SelectField
        label={t("supportMap.thenPick")}
        value={thenId}
        options={snapshots.map((s) => ({
          value: s.id,
          label: t("supportMap.snapshotOption", {
            date: d.day(s.takenAt),
            reason: t(`supportMap.reason.${s.reason}`),
          }),
        }))}
        onChange={(e) => onThen(e.target.value)}
      />
    </div>
  );
}

/**
 * The family's support-network map (issue 18 §3): the picture, then / now with the snapshots, every
 * tie as a list, and for staff the recorded ties' editing and "save the map as it is now".
 */
export function SupportMapCard({ familyId, staff }: { familyId: string; staff: boolean }) {
  const { t } = useTranslation();
  const map = useSupportMap(familyId);
  const snaps = useSupportSnapshots(familyId);
  const save = useSaveSnapshot(familyId);
  const [view, setView] = useState<"now" | "then">("now");
  const [thenId, setThenId] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  if (map.isPending) return <Loading />;
  if (map.isError) return <ErrorBox error={map.error} retry={() => void map.refetch()} />;
  const snapshots = snaps.data ?? [];
  const then = snapshots.find((s) => s.id === thenId) ?? snapshots[0];
  const shown = view === "then" && then ? then.ties : map.data.ties;
  const summary = t("supportMap.summary", { count: shown.length });
  return (
    <section className="card" aria-labelledby="support-map-h">
      <h2 id="support-map-h">{t("supportMap.title")}</h2>
      <p className="hint">{staff ? t("supportMap.introStaff") : t("supportMap.intro")}</p>
      {then ? (
        <ViewPicker snapshots={snapshots} view={view} thenId={then.id} onView={setView} onThen={setThenId} />
      ) : (
        <p className="muted small">{t("supportMap.noSnapshots")}</p>
      )}
      <p>
        <strong>{summary}</strong>
      </p>
      {shown.length === 0 ? (
        <p className="muted">{t("supportMap.none")}</p>
      ) : (
        <SupportMapPicture ties={shown} summary={summary} />
      )}
      {then && (
        <>
          <h3>{t("supportMap.compareTitle")}</h3>
          <ChangeSentence then={then} now={map.data.ties.length} />
          <Compare then={then.counts} now={map.data.counts} />
        </>
      )}
      {/* No list heading over nothing: the empty map already says there are no ties. */}
      {shown.length > 0 && (
        <>
          <h3>{t("supportMap.listTitle")}</h3>
          <ul className="plain tie-list">
            {shown.map((tie) => (
              <TieItem key={tie.key} tie={tie} familyId={familyId} editable={staff && view === "now"} />
            ))}
          </ul>
        </>
      )}
      {staff && (
        <>
          <button
            type="button"
            className="btn"
            disabled={save.isPending}
            onClick={() => save.mutateAsync().then(() => setSaved(t("supportMap.snapshotSaved")))}
          >
            {t("supportMap.saveSnapshot")}
          </button>
          <FormMessage success={saved} />
          <SupportTieForm familyId={familyId} />
        </>
      )}
    </section>
  );
}
