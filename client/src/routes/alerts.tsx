import type { CrisisAlert } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAlerts, useModeration } from "../api/moderation";
import { FamilyCaseLink } from "../components/case-link-card";
import { errorText, FormMessage, SelectField, TextArea } from "../components/form";
import { MessageFamilyButton } from "../components/message-family-button";
import { MessageText } from "../components/message-item";
import { FamilyContactsReveal } from "../components/phone-link";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useJumpTo } from "../hooks/use-jump-to";
import { useNow } from "../hooks/use-now";
import { useSocketEvent } from "../realtime/hooks";

/** "4 分 5 秒" / "4 min 5 s" under an hour, "1 小时 20 分" / "1 h 20 min" after: words, not a clock face. */
export function elapsedText(ms: number, zh: boolean): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  if (h > 0) return zh ? `${h} 小时 ${m} 分` : `${h} h ${m} min`;
  return zh ? `${m} 分 ${sec} 秒` : `${m} min ${sec} s`;
}

/** "Needs a human now": open alerts (crisis talk and stress), most urgent first, with a live clock. */
export function AlertsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<"open" | "acknowledged">("open");
  const alerts = useAlerts(status);
  const refresh = () => void qc.invalidateQueries({ queryKey: ["moderation"] });
  useSocketEvent("moderation:alert", refresh);
  useSocketEvent("alert:updated", refresh);
  useJumpTo("alert", "alert-", alerts.isSuccess);
  return (
    <Page title={t("mod.alertsTitle")}>
      <p className="lead">{t("mod.alertsLead")}</p>
      <SelectField
        label={t("mod.show")}
        value={status}
        options={[
          { value: "open", label: t("mod.openAlerts") },
          { value: "acknowledged", label: t("mod.ackedAlerts") },
        ]}
        onChange={(e) => setStatus(e.target.value as "open" | "acknowledged")}
      />
      {alerts.isPending ? (
        <Loading />
      ) : alerts.isError ? (
        <ErrorBox error={alerts.error} />
      ) : alerts.data.length === 0 ? (
        <Empty>{t("mod.noAlerts")}</Empty>
      ) : (
        <ul className="list">
          {alerts.data.map((a) => (
            <AlertCard key={a.id} alert={a} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function AlertCard({ alert: a }: { alert: CrisisAlert }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const now = useNow(1000);
  const mod = useModeration();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const open = a.status === "open";
  const mine = a.claimedBy?.id === me.id;

  async function run(p: Promise<unknown>) {
    setError(null);
    try {
      await p;
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  function ack() {
    if (!note.trim()) return setError(t("mod.noteRequired"));
    void run(mod.acknowledge.mutateAsync({ alertId: a.id, note }));
  }

  return (
    <li
      id={`alert-${a.id}`}
      className={open ? "list-item alert-item" : "list-item"}
      aria-label={t(`alerts.kind.${a.kind}`)}
    >
      <p className="alert-head">
        <span className={a.tier === "distress" ? "tag warn" : "tag danger"}>
          {t(a.kind === "stress" ? `alerts.stressTier.${a.tier}` : `alerts.tier.${a.tier}`)}
        </span>{" "}
        <span className="tag">{t(`alerts.kind.${a.kind}`)}</span>{" "}
        {open && (
          <strong className="alert-clock">
            <time dateTime={a.createdAt}>
              {t("alerts.waiting", {
                time: elapsedText(now - Date.parse(a.createdAt), i18n.language !== "en"),
              })}
            </time>
          </strong>
        )}
      </p>
      <p className="muted small">
        {a.group ? a.group.name : t("alerts.stressFamily")}
        {" · "}
        {t(`alerts.step.${a.escalationStep}`)}
        {a.claimedBy &&
          ` · ${mine ? t("alerts.claimedByMe") : t("alerts.claimedBy", { name: a.claimedBy.displayName })}`}
      </p>
      {a.message && (
        <div className="alert-message">
          <strong>{a.message.sender?.displayName}</strong>
          {a.message.body !== null && <MessageText body={a.message.body} />}
        </div>
      )}
      {a.checkin && (
        <div className="alert-message">
          <p>{t("alerts.stressLine", { stress: a.checkin.stress })}</p>
          {a.checkin.note && <p>“{a.checkin.note}”</p>}
        </div>
      )}
      <p className="alert-actions">
        {a.group && (
          <Link className="btn small" to={`/groups/${a.group.id}`}>
            {t("alerts.openChat")}
          </Link>
        )}
        {a.kind === "stress" && a.familyId && (
          <Link className="btn small" to={`/families/${a.familyId}`}>
            {t("alerts.openFamily")}
          </Link>
        )}
        {me.role === "social_worker" && a.familyId && <FamilyCaseLink familyId={a.familyId} />}
      </p>
      {me.role === "social_worker" && a.familyId && (
        <div className="alert-reach">
          <FamilyContactsReveal familyId={a.familyId} />
          <MessageFamilyButton target={{ familyId: a.familyId }} />
        </div>
      )}
      {open ? (
        <>
          {!mine && (
            <button
              type="button"
              className="btn primary"
              disabled={mod.claim.isPending}
              onClick={() => void run(mod.claim.mutateAsync({ alertId: a.id, takeOver: !!a.claimedBy }))}
            >
              {a.claimedBy ? t("alerts.takeOver") : t("alerts.claim")}
            </button>
          )}
          <TextArea
            label={t("mod.followUp")}
            hint={t("mod.followUpHint")}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <FormMessage error={error} />
          <button type="button" className="btn" disabled={mod.acknowledge.isPending} onClick={ack}>
            {t("mod.acknowledge")}
          </button>
        </>
      ) : (
        <p className="muted">
          {t("mod.ackedBy", { name: a.acknowledgedBy?.displayName ?? "", note: a.followUpNote ?? "" })}
        </p>
      )}
    </li>
  );
}
