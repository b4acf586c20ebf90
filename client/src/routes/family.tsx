import { useTranslation } from "react-i18next";
import { useCheckins } from "../api/booking";
import { useFamily } from "../api/core";
import { FamilyCaseCard } from "../components/family-case-card";
import {
  CaregiverList,
  InviteCard,
  JoinRequestBanner,
  JoinRequestsCard,
} from "../components/family-membership";
import { ScaleResultsCard } from "../components/scale-results";
import { MyQuestionnaires } from "../components/scale-start";
import { StressHistory } from "../components/stress-history";
import { SupportMapCard } from "../components/support-map-card";
import { ErrorBox, Loading, Page } from "../components/ui";

/** The caregiver's family: who is in it, who asks to join, and the code a relative uses to ask. */
export function FamilyPage() {
  const { t } = useTranslation();
  const family = useFamily();
  const checkins = useCheckins();
  if (family.isPending) return <Loading />;
  if (family.isError) return <ErrorBox error={family.error} retry={() => void family.refetch()} />;
  const f = family.data;
  return (
    <Page title={t("family.title")}>
      <JoinRequestBanner />
      <MyQuestionnaires familyId={f.id} />
      <FamilyCaseCard />
      <JoinRequestsCard family={f} />
      <InviteCard family={f} />
      <section className="card" aria-labelledby="members-h">
        <h2 id="members-h">{t("family.caregivers")}</h2>
        <CaregiverList family={f} />
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
      <ScaleResultsCard familyId={f.id} staff={false} />
      <SupportMapCard familyId={f.id} staff={false} />
      <section className="card" aria-labelledby="stress-h">
        <h2 id="stress-h">{t("families.stress")}</h2>
        {checkins.data && <StressHistory checkins={checkins.data.checkins} />}
      </section>
    </Page>
  );
}
