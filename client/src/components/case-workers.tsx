import type { Case } from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddWorker, useRemoveWorker } from "../api/cases";
import { useFamilies } from "../api/core";
import { useMe } from "../hooks/use-auth";
import { errorText, FormMessage, SelectField } from "./form";

/**
 * The case's social workers; the lead and the supervisor add one of the family's assigned social
 * workers or take a member off (the lead is replaced by the supervisor, never removed here).
 */
export function WorkersSection({ c }: { c: Case }) {
  const { t } = useTranslation();
  const me = useMe();
  const lead = c.workers.find((w) => w.role === "lead");
  const manage = c.stage !== "closed" && (me.role === "admin" || lead?.id === me.id);
  return (
    <section className="card" aria-labelledby="workers-h">
      <h2 id="workers-h">{t("cases.workers")}</h2>
      {c.workers.length === 0 && <p className="muted">{t("cases.noLead")}</p>}
      <ul className="plain worker-list">
        {c.workers.map((w) => (
          <li key={w.id} className="row">
            <span>{t("cases.workerRole", { name: w.displayName, role: t(`cases.role.${w.role}`) })}</span>
            {manage && w.role === "member" && <RemoveWorker caseId={c.id} id={w.id} name={w.displayName} />}
          </li>
        ))}
      </ul>
      {manage && <AddWorker c={c} />}
    </section>
  );
}

function RemoveWorker({ caseId, id, name }: { caseId: string; id: string; name: string }) {
  const { t } = useTranslation();
  const remove = useRemoveWorker(caseId);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn small"
        disabled={remove.isPending}
        onClick={() => remove.mutate(id, { onError: (e) => setError(errorText(e, t)) })}
      >
        {t("cases.removeWorker", { name })}
      </button>
      <FormMessage error={error} />
    </>
  );
}

/** Add a social worker assigned to the family who is not on the case yet. */
function AddWorker({ c }: { c: Case }) {
  const { t } = useTranslation();
  const families = useFamilies();
  const add = useAddWorker(c.id);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string | null>(null);
  const on = new Set(c.workers.map((w) => w.id));
  const family = families.data?.find((f) => f.id === c.familyId);
  const candidates = (family?.socialWorkers ?? []).filter((s) => !on.has(s.id));
  if (candidates.length === 0) return <p className="hint">{t("cases.noMoreWorkers")}</p>;
  const pick = chosen || candidates[0]!.id;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    add.mutate(pick, { onSuccess: () => setChosen(""), onError: (err) => setError(errorText(err, t)) });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form add-worker">
      <SelectField
        label={t("cases.addWorkerLabel")}
        value={pick}
        options={candidates.map((s) => ({ value: s.id, label: s.displayName }))}
        onChange={(e) => setChosen(e.target.value)}
      />
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={add.isPending}>
        {t("cases.addWorker")}
      </button>
    </form>
  );
}
