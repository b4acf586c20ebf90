import { GROUP_TOPICS, type Group, type GroupTopic } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useGroups, useJoinLeave } from "../api/chat";
import { errorText, SelectField } from "../components/form";
import { GroupCreateForm } from "../components/group-create";
import { CountBadge, Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";

/** My groups first, then groups to join (suggested by my children's disability types first). */
export function GroupsPage() {
  const { t } = useTranslation();
  const [topic, setTopic] = useState<GroupTopic | "">("");
  const groups = useGroups(topic);
  const me = useMe();
  if (groups.isPending) return <Loading />;
  if (groups.isError) return <ErrorBox error={groups.error} retry={() => void groups.refetch()} />;
  const mine = groups.data.filter((g) => g.isMember);
  const others = groups.data.filter((g) => !g.isMember && !g.archivedAt);
  return (
    <Page
      title={t("groups.title")}
      actions={
        <Link className="btn small" to="/search">
          {t("search.entry")}
        </Link>
      }
    >
      <p className="lead">{t("groups.lead")}</p>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">{t("groups.mine")}</h2>
        {mine.length === 0 ? (
          <Empty>{t("groups.noneMine")}</Empty>
        ) : (
          <ul className="cards">
            {mine.map((g) => (
              <GroupCard key={g.id} group={g} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="more-h" className="section">
        <h2 id="more-h">{t("groups.more")}</h2>
        <SelectField
          label={t("groups.filterTopic")}
          value={topic}
          options={[
            { value: "", label: t("groups.allTopics") },
            ...GROUP_TOPICS.map((x) => ({ value: x, label: t(`disability.${x}`) })),
          ]}
          onChange={(e) => setTopic(e.target.value as GroupTopic | "")}
        />
        {others.length === 0 ? (
          <Empty>{t("groups.noneMore")}</Empty>
        ) : (
          <ul className="cards">
            {others.map((g) => (
              <GroupCard key={g.id} group={g} />
            ))}
          </ul>
        )}
      </section>
      {me.role !== "caregiver" && <GroupCreateForm />}
    </Page>
  );
}

function GroupCard({ group: g }: { group: Group }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const joinLeave = useJoinLeave();
  const [error, setError] = useState<string | null>(null);
  async function join() {
    setError(null);
    try {
      await joinLeave.mutateAsync({ id: g.id, join: true });
      navigate(`/groups/${g.id}`);
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <li className="card group-card">
      <h3>
        {g.isMember ? <Link to={`/groups/${g.id}`}>{g.name}</Link> : g.name}{" "}
        <CountBadge count={g.unreadCount} label={t("groups.unread", { count: g.unreadCount })} />
      </h3>
      <p>
        {g.suggested && <span className="tag">{t("groups.suggested")}</span>}
        {g.kind === "announcement" && <span className="tag warn">{t("groups.announcement")}</span>}
        <span className="tag">{t(`disability.${g.topic}`)}</span>
      </p>
      {g.description && <p className="muted">{g.description}</p>}
      <p className="muted small">{t("groups.members", { count: g.memberCount })}</p>
      {g.isMember ? (
        <Link to={`/groups/${g.id}`} className="btn primary">
          {t("groups.open", { name: g.name })}
        </Link>
      ) : (
        <button
          type="button"
          className="btn primary"
          disabled={joinLeave.isPending}
          onClick={() => void join()}
        >
          {t("groups.join", { name: g.name })}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
