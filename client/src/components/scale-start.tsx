import { type Administration, SCALE_OCCASIONS, type ScaleOccasion } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useAdministrations, useScales, useStartAdministration } from "../api/scales";
import { errorText, SelectField } from "./form";
import { useLocalized } from "./scale-step";

/** One line per administration: scale, occasion, progress or status, and where to open it. */
export function AdministrationList({ list }: { list: Administration[] }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  return (
    <ul className="plain admin-list">
      {list.map((a) => (
        <li key={a.id}>
          <Link to={`/questionnaires/${a.id}`}>{loc(a.scaleName)}</Link> ·{" "}
          {t(`scales.occasion.${a.occasion}`)} ·{" "}
          {a.status === "in_progress"
            ? t("scales.answered", { n: a.answeredCount, total: a.itemCount })
            : t(`scales.status.${a.status}`)}
          {a.respondentUser && ` · ${t("scales.sentTo", { name: a.respondentUser.displayName })}`}
        </li>
      ))}
    </ul>
  );
}

/**
 * Staff: start a scale for this family, to fill together now or sent to a caregiver's phone,
 * and the family's administrations so far.
 */
export function ScaleStartCard({
  familyId,
  caregivers,
}: {
  familyId: string;
  caregivers: { id: string; displayName: string }[];
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  const scales = useScales();
  const list = useAdministrations(familyId);
  const start = useStartAdministration(familyId);
  const usable = (scales.data ?? []).filter((s) => s.itemCount > 0);
  const [scaleId, setScaleId] = useState("");
  const [occasion, setOccasion] = useState<ScaleOccasion>("intake");
  const [caregiverId, setCaregiverId] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const chosen = scaleId || usable[0]?.id || "";
  const to = caregiverId || caregivers[0]?.id || "";

  async function go(together: boolean) {
    setNote(null);
    try {
      const a = await start.mutateAsync({
        scaleId: chosen,
        occasion,
        respondent: together ? "social_worker" : "caregiver",
        ...(together ? {} : { caregiverId: to }),
      });
      if (together) navigate(`/questionnaires/${a.id}`);
      else setNote(t("scales.sent"));
    } catch (err) {
      setNote(errorText(err, t));
    }
  }

  return (
    <section className="card" aria-labelledby="scales-h">
      <h2 id="scales-h">{t("scales.title")}</h2>
      <SelectField
        label={t("scales.scale")}
        value={chosen}
        onChange={(e) => setScaleId(e.target.value)}
        options={usable.map((s) => ({ value: s.id, label: loc(s.definition.name) }))}
      />
      <SelectField
        label={t("scales.occasionLabel")}
        value={occasion}
        onChange={(e) => setOccasion(e.target.value as ScaleOccasion)}
        options={SCALE_OCCASIONS.map((o) => ({ value: o, label: t(`scales.occasion.${o}`) }))}
      />
      {caregivers.length > 1 && (
        <SelectField
          label={t("scales.sendTo")}
          value={to}
          onChange={(e) => setCaregiverId(e.target.value)}
          options={caregivers.map((c) => ({ value: c.id, label: c.displayName }))}
        />
      )}
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={!chosen || start.isPending}
          onClick={() => void go(true)}
        >
          {t("scales.fillTogether")}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!chosen || !to || start.isPending}
          onClick={() => void go(false)}
        >
          {t("scales.sendToCaregiver")}
        </button>
      </div>
      {note && <p role="status">{note}</p>}
      {list.data && list.data.length > 0 && <AdministrationList list={list.data} />}
    </section>
  );
}

/** A caregiver: the questionnaires her social worker sent her that are still open. */
export function MyQuestionnaires({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const list = useAdministrations(familyId);
  const open = (list.data ?? []).filter((a) => a.status === "in_progress");
  if (open.length === 0) return null;
  return (
    <section className="card attention" aria-labelledby="my-q-h">
      <h2 id="my-q-h">{t("scales.toFill")}</h2>
      <p>{t("scales.toFillHelp")}</p>
      <AdministrationList list={open} />
    </section>
  );
}
