import type { BodyRegion, HandoverPerson, RosterEntry } from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFileIncident } from "../api/station-day";
import { BodyOutline } from "../components/body-outline";
import { Dialog } from "../components/dialog";
import { errorText, FormMessage, SelectField, SubmitButton, TextArea, TextField } from "../components/form";

const TYPED = "__typed";

/** The people a child may be brought or collected by: the family's caregivers and its emergency contact. */
function knownPeople(e: RosterEntry, caregiverWord: string): HandoverPerson[] {
  const people = e.family.caregivers.map((c) => ({ name: c.displayName, relation: caregiverWord }));
  const ec = e.child.emergencyContact;
  if (ec) people.push({ name: ec.name, relation: ec.relation ?? caregiverWord });
  return people;
}

/**
 * Who brought (check-in) or collected (pick-up) the child: one of the family's people, or a name
 * and relation typed in. `onSubmit` records the mark.
 */
export function HandoverDialog({
  e,
  kind,
  open,
  onClose,
  onSubmit,
}: {
  e: RosterEntry;
  kind: "check-in" | "check-out";
  open: boolean;
  onClose(): void;
  onSubmit(person: HandoverPerson): Promise<void>;
}) {
  const { t } = useTranslation();
  const people = knownPeople(e, t("roster.handover.caregiver"));
  const [choice, setChoice] = useState(people.length ? "0" : TYPED);
  const [name, setName] = useState("");
  const [relation, setRelation] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const typed = choice === TYPED;
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const person = typed ? { name: name.trim(), relation: relation.trim() } : people[Number(choice)]!;
    if (!person.name || !person.relation) return setError(t("roster.handover.missing"));
    setBusy(true);
    setError(null);
    try {
      await onSubmit(person);
      onClose();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  const title = t(kind === "check-in" ? "roster.handover.inTitle" : "roster.handover.outTitle", {
    name: e.child.nickname,
  });
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <form onSubmit={(ev) => void submit(ev)}>
        <SelectField
          label={t(kind === "check-in" ? "roster.handover.broughtBy" : "roster.handover.collectedBy")}
          value={choice}
          onChange={(ev) => setChoice(ev.target.value)}
          options={[
            ...people.map((p, i) => ({ value: String(i), label: `${p.name}（${p.relation}）` })),
            { value: TYPED, label: t("roster.handover.someoneElse") },
          ]}
        />
        {typed && (
          <>
            <TextField
              label={t("roster.handover.name")}
              value={name}
              onChange={(ev) => setName(ev.target.value)}
              maxLength={60}
            />
            <TextField
              label={t("roster.handover.relation")}
              hint={t("roster.handover.relationHint")}
              value={relation}
              onChange={(ev) => setRelation(ev.target.value)}
              maxLength={40}
            />
          </>
        )}
        <FormMessage error={error} />
        <SubmitButton busy={busy}>
          {t(kind === "check-in" ? "roster.handover.confirmIn" : "roster.handover.confirmOut")}
        </SubmitButton>
      </form>
    </Dialog>
  );
}

/** The local "YYYY-MM-DDTHH:mm" of now, for a datetime-local input's default. */
function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** File an incident during this session: what happened, when, first aid, where on the body, witnesses. */
export function IncidentDialog({ e, open, onClose }: { e: RosterEntry; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const file = useFileIncident();
  const [when, setWhen] = useState(nowLocal);
  const [what, setWhat] = useState("");
  const [firstAid, setFirstAid] = useState("");
  const [witnesses, setWitnesses] = useState("");
  const [where, setWhere] = useState<BodyRegion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!what.trim()) return setError(t("incidents.form.whatMissing"));
    setError(null);
    try {
      await file.mutateAsync({
        bookingId: e.booking.id,
        body: {
          occurredAt: new Date(when).toISOString(),
          whatHappened: what,
          firstAid,
          bodyLocations: where,
          witnesses,
        },
      });
      setDone(true);
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <Dialog title={t("incidents.form.title", { name: e.child.nickname })} open={open} onClose={onClose}>
      {done ? (
        <p role="status">{t("incidents.form.filed")}</p>
      ) : (
        <form onSubmit={(ev) => void submit(ev)} className="incident-form">
          <TextField
            label={t("incidents.when")}
            type="datetime-local"
            value={when}
            onChange={(ev) => setWhen(ev.target.value)}
          />
          <TextArea
            label={t("incidents.what")}
            value={what}
            onChange={(ev) => setWhat(ev.target.value)}
            rows={3}
            maxLength={2000}
          />
          <TextArea
            label={t("incidents.firstAid")}
            value={firstAid}
            onChange={(ev) => setFirstAid(ev.target.value)}
            rows={2}
            maxLength={1000}
          />
          <fieldset>
            <legend>{t("incidents.where")}</legend>
            <BodyOutline value={where} onChange={setWhere} />
          </fieldset>
          <TextField
            label={t("incidents.witnesses")}
            value={witnesses}
            onChange={(ev) => setWitnesses(ev.target.value)}
            maxLength={500}
          />
          <p className="small muted">{t("incidents.form.signedHint")}</p>
          <FormMessage error={error} />
          <SubmitButton busy={file.isPending}>{t("incidents.form.submit")}</SubmitButton>
        </form>
      )}
    </Dialog>
  );
}
