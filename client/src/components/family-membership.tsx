import type { Family } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  useCancelJoinRequest,
  useDecideJoinRequest,
  useMyJoinRequest,
  useNewInviteCode,
  useRemoveCaregiver,
} from "../api/family";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { Dialog } from "./dialog";
import { errorText, FormMessage } from "./form";

/** A caregiver's own waiting request to join a family: she sees only that it waits, and may withdraw it. */
export function JoinRequestBanner() {
  const { t } = useTranslation();
  const request = useMyJoinRequest();
  const cancel = useCancelJoinRequest();
  if (!request.data) return null;
  return (
    <section className="card notice" aria-labelledby="join-wait-h" data-testid="join-waiting">
      <h2 id="join-wait-h">{t("join.waitingTitle")}</h2>
      <p>{t("join.waitingHelp")}</p>
      <button type="button" className="btn" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
        {t("join.withdraw")}
      </button>
    </section>
  );
}

/** The family's invite code (caregivers only): copy it, or make a new one (the old one stops working). */
export function InviteCard({ family }: { family: Family }) {
  const { t } = useTranslation();
  const d = useDates();
  const renew = useNewInviteCode();
  const [copied, setCopied] = useState(false);
  const code = family.inviteCode;
  async function copy() {
    try {
      if (code) await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section className="card" aria-labelledby="invite-h">
      <h2 id="invite-h">{t("family.inviteTitle")}</h2>
      <p>{t("family.inviteHelp")}</p>
      {code ? (
        <>
          <p className="invite-code" data-testid="invite-code">
            {code}
          </p>
          <p className="hint">
            {t("family.inviteExpires", { date: d.dateTime(family.inviteExpiresAt ?? "") })}
          </p>
        </>
      ) : (
        <p className="muted">{t("family.noInvite")}</p>
      )}
      <div className="row">
        {code && (
          <button type="button" className="btn" onClick={() => void copy()}>
            {t("family.copy")}
          </button>
        )}
        <button
          type="button"
          className="btn"
          disabled={renew.isPending}
          onClick={() => {
            setCopied(false);
            renew.mutate();
          }}
        >
          {t("family.newInvite")}
        </button>
        <span role="status" className="muted">
          {copied ? t("family.copied") : ""}
        </span>
      </div>
    </section>
  );
}

/** Waiting requests to join the family, for its caregivers and its social worker to answer. */
export function JoinRequestsCard({ family }: { family: Family }) {
  const { t } = useTranslation();
  const d = useDates();
  const decide = useDecideJoinRequest();
  if (family.joinRequests.length === 0) return null;
  return (
    <section className="card" aria-labelledby="join-req-h">
      <h2 id="join-req-h">{t("join.requestsTitle")}</h2>
      <p className="hint">{t("join.requestsHelp")}</p>
      <ul className="plain">
        {family.joinRequests.map((r) => (
          <li key={r.id}>
            <p>{t("join.asks", { name: r.displayName, date: d.dateTime(r.createdAt) })}</p>
            <div className="row wrap">
              <button
                type="button"
                className="btn primary"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: r.id, decision: "approve" })}
              >
                {t("join.approve", { name: r.displayName })}
              </button>
              <button
                type="button"
                className="btn"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: r.id, decision: "decline" })}
              >
                {t("join.decline", { name: r.displayName })}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <FormMessage error={decide.error ? errorText(decide.error, t) : null} />
    </section>
  );
}

/** The family's caregivers; another caregiver can be removed after a confirmation (never the last). */
export function CaregiverList({ family }: { family: Family }) {
  const { t } = useTranslation();
  const me = useMe();
  const remove = useRemoveCaregiver();
  const [target, setTarget] = useState<{ id: string; displayName: string } | null>(null);
  const canRemove = me.role === "caregiver" && family.caregivers.length > 1;
  return (
    <>
      <ul className="plain">
        {family.caregivers.map((c) => (
          <li key={c.id} className="row">
            <span>{c.displayName}</span>
            {canRemove && c.id !== me.id && (
              <button type="button" className="btn small danger" onClick={() => setTarget(c)}>
                {t("join.remove", { name: c.displayName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <Dialog
        title={t("join.removeTitle")}
        open={target !== null}
        onClose={() => setTarget(null)}
        closeButton={false}
      >
        <p>{t("join.removeHelp", { name: target?.displayName ?? "" })}</p>
        <FormMessage error={remove.error ? errorText(remove.error, t) : null} />
        <div className="row wrap">
          <button
            type="button"
            className="btn danger"
            disabled={remove.isPending}
            onClick={() => {
              if (!target) return;
              remove.mutate({ familyId: family.id, userId: target.id }, { onSuccess: () => setTarget(null) });
            }}
          >
            {t("join.removeConfirm")}
          </button>
          <button type="button" className="btn" onClick={() => setTarget(null)}>
            {t("join.removeKeep")}
          </button>
        </div>
      </Dialog>
    </>
  );
}
