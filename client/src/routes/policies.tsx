import {
  HOUSEHOLD_STATUSES,
  type HouseholdStatus,
  type PolicyCard,
  type PolicyStatus,
} from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useFamily } from "../api/core";
import { usePolicyCards, useSetHouseholdStatus } from "../api/policies";
import { errorText, FormMessage, SelectField, TextField } from "../components/form";
import { DeadlineLine, DocumentsList, FitLine, useCardText } from "../components/policy-parts";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useAuth } from "../hooks/use-auth";

const isLibrarian = (role: string | undefined) => role === "social_worker" || role === "admin";

/**
 * 政策与资源: a caregiver sees the cards that fit her children first, big and plain, with the
 * deadline and documents in view; librarians see every status and which cards are overdue for review.
 */
export function PoliciesPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const staff = isLibrarian(user?.role);
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = (params.get("status") ?? (staff ? "all" : "")) as PolicyStatus | "all" | "";
  const [draft, setDraft] = useState(q);
  const cards = usePolicyCards(q, staff ? status || "all" : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams(params);
    if (draft.trim()) next.set("q", draft.trim());
    else next.delete("q");
    setParams(next);
  }

  const list = cards.data ?? [];
  const fitting = list.filter((c) => c.fits.length > 0);
  const rest = list.filter((c) => c.fits.length === 0);
  return (
    <Page
      title={staff ? t("policies.libraryTitle") : t("policies.title")}
      actions={
        staff && (
          <Link to="/policies/new" className="btn primary">
            {t("policies.new")}
          </Link>
        )
      }
    >
      <search>
        <form className="form search-form" onSubmit={submit}>
          <TextField
            label={t("policies.search")}
            hint={t("policies.searchHint")}
            type="search"
            name="q"
            value={draft}
            maxLength={60}
            enterKeyHint="search"
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="btn primary">
            {t("search.submit")}
          </button>
        </form>
      </search>
      {staff && <StatusFilter status={status || "all"} />}
      {user?.role === "caregiver" && <HouseholdSetting />}
      {cards.isPending && <Loading />}
      {cards.isError && <ErrorBox error={cards.error} retry={() => void cards.refetch()} />}
      {cards.isSuccess && list.length === 0 && (
        <Empty>{q ? t("search.none", { q }) : t("policies.empty")}</Empty>
      )}
      {fitting.length > 0 && <CardList title={t("policies.forYou")} cards={fitting} staff={staff} />}
      {rest.length > 0 && (
        <CardList title={fitting.length > 0 ? t("policies.others") : null} cards={rest} staff={staff} />
      )}
    </Page>
  );
}

function StatusFilter({ status }: { status: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  return (
    <SelectField
      label={t("policies.statusFilter")}
      value={status}
      options={["all", "draft", "published", "archived"].map((s) => ({
        value: s,
        label: t(`policies.status.${s}`),
      }))}
      onChange={(e) => {
        const next = new URLSearchParams(params);
        next.set("status", e.target.value);
        setParams(next);
      }}
    />
  );
}

/** Our household status: matching uses it for cards that ask for 低保 and the like. */
function HouseholdSetting() {
  const { t } = useTranslation();
  const family = useFamily();
  const set = useSetHouseholdStatus();
  if (!family.data) return null;
  const familyId = family.data.id;
  return (
    <div className="household-setting">
      <SelectField
        label={t("policies.householdLabel")}
        value={family.data.householdStatus ?? ""}
        options={[
          { value: "", label: t("policies.householdUnknown") },
          ...HOUSEHOLD_STATUSES.map((s) => ({ value: s, label: t(`policies.household.${s}`) })),
        ]}
        disabled={set.isPending}
        onChange={(e) =>
          set.mutate({ familyId, householdStatus: (e.target.value || null) as HouseholdStatus | null })
        }
      />
      <FormMessage error={set.isError ? errorText(set.error, t) : null} />
    </div>
  );
}

function CardList({ title, cards, staff }: { title: string | null; cards: PolicyCard[]; staff: boolean }) {
  return (
    <section className="policy-section">
      {title && <h2>{title}</h2>}
      <ul className="cards policy-cards">
        {cards.map((c) => (
          <PolicyItem key={c.id} card={c} staff={staff} />
        ))}
      </ul>
    </section>
  );
}

function PolicyItem({ card, staff }: { card: PolicyCard; staff: boolean }) {
  const { t } = useTranslation();
  const text = useCardText(card);
  return (
    <li className={card.fits.length > 0 ? "card policy-card fits" : "card policy-card"}>
      <h3>
        <Link to={`/policies/${card.id}`}>{text.title}</Link>
      </h3>
      {staff && (
        <p className="row">
          <span className="tag">{t(`policies.status.${card.status}`)}</span>
          {card.reviewOverdue && (
            <span className="tag warn">{t("policies.reviewOverdue", { date: card.reviewBy })}</span>
          )}
        </p>
      )}
      {card.fits.map((f) => (
        <FitLine key={f.childId} fit={f} />
      ))}
      <p>{text.summary}</p>
      <DeadlineLine deadline={card.deadline} />
      <DocumentsList documents={card.documents} />
    </li>
  );
}
