import type { PolicyCard } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useGroups } from "../api/chat";
import { useAskAboutPolicy, usePolicyCard, useSetPolicyStatus, useSharePolicyCard } from "../api/policies";
import { errorText, FormMessage, SelectField } from "../components/form";
import { DeadlineLine, DocumentsList, FitLine, useCardText } from "../components/policy-parts";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useAuth } from "../hooks/use-auth";

/** One policy card: how to apply, and (for a caregiver) ask her social worker or share it to a group. */
export function PolicyDetailPage() {
  const { id } = useParams();
  const card = usePolicyCard(id);
  if (card.isPending) return <Loading />;
  if (card.isError) return <ErrorBox error={card.error} />;
  return <PolicyDetail card={card.data} />;
}

function PolicyDetail({ card }: { card: PolicyCard }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const text = useCardText(card);
  const staff = user?.role === "social_worker" || user?.role === "admin";
  return (
    <Page title={text.title}>
      <article className="policy-detail">
        {card.fits.map((f) => (
          <FitLine key={f.childId} fit={f} />
        ))}
        <p className="policy-summary">{text.summary}</p>
        <DeadlineLine deadline={card.deadline} />
        <DocumentsList documents={card.documents} />
        <div>
          <p className="policy-label">{t("policies.steps")}</p>
          <ol className="policy-steps">
            {card.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </div>
        <WhereToApply where={card.where} />
        <p className="small muted">
          {t("policies.source", { source: card.sourceName, date: card.checkedOn })}
          {card.sourceUrl && (
            <>
              {" "}
              <a href={card.sourceUrl} target="_blank" rel="noopener noreferrer">
                {t("policies.sourceLink")}
              </a>
            </>
          )}
        </p>
      </article>
      {card.status === "published" && user?.role === "caregiver" && <AskButton cardId={card.id} />}
      {card.status === "published" && user?.role !== "station_staff" && <ShareToGroup cardId={card.id} />}
      {staff && <LibrarianActions card={card} />}
    </Page>
  );
}

function WhereToApply({ where }: { where: PolicyCard["where"] }) {
  const { t } = useTranslation();
  if (!where.office && !where.address && !where.url) return null;
  return (
    <div>
      <p className="policy-label">{t("policies.where")}</p>
      {where.office && <p>{where.office}</p>}
      {where.address && <p>{where.address}</p>}
      {where.url && (
        <p>
          <a href={where.url} target="_blank" rel="noopener noreferrer">
            {t("policies.applyOnline")}
          </a>
        </p>
      )}
    </div>
  );
}

/** Post the card into our private conversation with our social worker. */
function AskButton({ cardId }: { cardId: string }) {
  const { t } = useTranslation();
  const ask = useAskAboutPolicy();
  return (
    <section className="policy-action">
      <button
        type="button"
        className="btn primary big"
        disabled={ask.isPending}
        onClick={() => ask.mutate(cardId)}
      >
        {t("policies.ask")}
      </button>
      {ask.isSuccess && (
        <p className="form-success" role="status">
          {t("policies.asked")}{" "}
          <Link to={`/messages/${ask.data.message.groupId}`}>{t("policies.openConversation")}</Link>
        </p>
      )}
      <FormMessage error={ask.isError ? errorText(ask.error, t) : null} />
    </section>
  );
}

/** Share the card into one of my groups (where I may post) as a rich card. */
function ShareToGroup({ cardId }: { cardId: string }) {
  const { t } = useTranslation();
  const groups = useGroups();
  const share = useSharePolicyCard();
  const mine = (groups.data ?? []).filter(
    (g) => g.isMember && g.kind !== "direct" && (g.kind !== "announcement" || g.myRole === "moderator"),
  );
  const [groupId, setGroupId] = useState("");
  const chosen = groupId || mine[0]?.id || "";
  if (mine.length === 0) return null;
  return (
    <section className="policy-action">
      <SelectField
        label={t("policies.shareTo")}
        value={chosen}
        options={mine.map((g) => ({ value: g.id, label: g.name }))}
        onChange={(e) => setGroupId(e.target.value)}
      />
      <button
        type="button"
        className="btn"
        disabled={share.isPending || !chosen}
        onClick={() => share.mutate({ cardId, groupId: chosen })}
      >
        {t("policies.share")}
      </button>
      {share.isSuccess && (
        <p className="form-success" role="status">
          {t("policies.shared")}{" "}
          <Link to={`/groups/${share.data.message.groupId}`}>{t("policies.openGroup")}</Link>
        </p>
      )}
      <FormMessage error={share.isError ? errorText(share.error, t) : null} />
    </section>
  );
}

function LibrarianActions({ card }: { card: PolicyCard }) {
  const { t } = useTranslation();
  const set = useSetPolicyStatus();
  const to = (status: PolicyCard["status"]) => set.mutate({ id: card.id, status });
  return (
    <section className="policy-action">
      <p className="row">
        <span className="tag">{t(`policies.status.${card.status}`)}</span>
        {card.reviewOverdue && (
          <span className="tag warn">{t("policies.reviewOverdue", { date: card.reviewBy })}</span>
        )}
      </p>
      <div className="row">
        <Link to={`/policies/${card.id}/edit`} className="btn">
          {t("policies.edit")}
        </Link>
        {card.status !== "published" && (
          <button
            type="button"
            className="btn primary"
            disabled={set.isPending}
            onClick={() => to("published")}
          >
            {t("policies.publish")}
          </button>
        )}
        {card.status !== "archived" && (
          <button type="button" className="btn" disabled={set.isPending} onClick={() => to("archived")}>
            {t("policies.archive")}
          </button>
        )}
      </div>
      <FormMessage error={set.isError ? errorText(set.error, t) : null} />
    </section>
  );
}
