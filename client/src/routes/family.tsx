import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCheckins } from "../api/booking";
import { useFamily } from "../api/core";
import { StressHistory } from "../components/stress-history";
import { ErrorBox, Loading, Page } from "../components/ui";

/** The caregiver's family: who is in it and the code a relative uses to join. */
export function FamilyPage() {
  const { t } = useTranslation();
  const family = useFamily();
  const checkins = useCheckins();
  const [copied, setCopied] = useState(false);
  if (family.isPending) return <Loading />;
  if (family.isError) return <ErrorBox error={family.error} retry={() => void family.refetch()} />;
  const f = family.data;
  async function copy() {
    try {
      await navigator.clipboard.writeText(f.inviteCode);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Page title={t("family.title")}>
      <section className="card" aria-labelledby="invite-h">
        <h2 id="invite-h">{t("family.inviteTitle")}</h2>
        <p>{t("family.inviteHelp")}</p>
        <p className="invite-code" data-testid="invite-code">
          {f.inviteCode}
        </p>
        <button type="button" className="btn" onClick={() => void copy()}>
          {t("family.copy")}
        </button>
        <span role="status" className="muted">
          {copied ? t("family.copied") : ""}
        </span>
      </section>
      <section className="card" aria-labelledby="members-h">
        <h2 id="members-h">{t("family.caregivers")}</h2>
        <ul className="plain">
          {f.caregivers.map((c) => (
            <li key={c.id}>{c.displayName}</li>
          ))}
        </ul>
        <h2>{t("family.socialWorkers")}</h2>
        {f.socialWorkers.length === 0 ? (
          <p className="muted">{t("family.noSocialWorker")}</p>
        ) : (
          <ul className="plain">
            {f.socialWorkers.map((c) => (
              <li key={c.id}>{c.displayName}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="stress-h">
        <h2 id="stress-h">{t("families.stress")}</h2>
        {checkins.data && <StressHistory checkins={checkins.data.checkins} />}
      </section>
    </Page>
  );
}
