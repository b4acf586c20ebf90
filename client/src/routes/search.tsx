import type { Message, SearchHit } from "@carecircle/shared";
import { type FormEvent, Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useGroups } from "../api/chat";
import { conversationTitle, useConversations } from "../api/direct";
import { useMessageSearch } from "../api/search";
import { SelectField, TextField } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";

/** Search the messages of my groups and private conversations; a hit opens the chat there. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const groupId = params.get("groupId") ?? "";
  const [draft, setDraft] = useState(q);
  const [scope, setScope] = useState(groupId);
  const scopes = useScopes();
  const results = useMessageSearch(q, groupId || undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set("q", draft.trim());
    if (scope) next.set("groupId", scope);
    setParams(next);
  }

  const hits = results.data?.pages.flatMap((p) => p.hits) ?? [];
  return (
    <Page title={t("search.title")}>
      <search>
        <form className="form search-form" onSubmit={submit}>
          <TextField
            label={t("search.query")}
            hint={t("search.hint")}
            type="search"
            name="q"
            value={draft}
            maxLength={100}
            enterKeyHint="search"
            onChange={(e) => setDraft(e.target.value)}
          />
          <SelectField
            label={t("search.group")}
            value={scope}
            options={scopes}
            onChange={(e) => setScope(e.target.value)}
          />
          <button type="submit" className="btn primary">
            {t("search.submit")}
          </button>
        </form>
      </search>
      {q && results.isPending && <Loading />}
      {results.isError && <ErrorBox error={results.error} retry={() => void results.refetch()} />}
      {q && results.isSuccess && hits.length === 0 && <Empty>{t("search.none", { q })}</Empty>}
      {hits.length > 0 && (
        <ul className="cards search-hits" aria-label={t("search.results", { q })}>
          {hits.map((h) => (
            <HitCard key={h.message.id} hit={h} q={q} />
          ))}
        </ul>
      )}
      {results.hasNextPage && (
        <button
          type="button"
          className="btn"
          disabled={results.isFetchingNextPage}
          onClick={() => void results.fetchNextPage()}
        >
          {t("search.more")}
        </button>
      )}
    </Page>
  );
}

/**
 * Where a search can look: everywhere, one of my groups, or one private conversation (named by
 * the other side, as its chat is), so the chat's search link keeps its scope in a conversation too.
 */
function useScopes() {
  const { t } = useTranslation();
  const me = useMe();
  const groups = useGroups();
  const direct = useConversations(me.role === "caregiver" || me.role === "social_worker");
  return [
    { value: "", label: t("search.allGroups") },
    ...(groups.data ?? [])
      .filter((g) => g.isMember && g.kind !== "direct")
      .map((g) => ({ value: g.id, label: g.name })),
    ...(direct.data ?? []).map((c) => ({
      value: c.id,
      label: t("search.inDirect", { name: conversationTitle(c, me.role, t) }),
    })),
  ];
}

/** One hit between its neighbours, with the way into the chat at that message. */
function HitCard({ hit, q }: { hit: SearchHit; q: string }) {
  const { t } = useTranslation();
  const direct = hit.group.kind === "direct";
  const base = direct ? `/messages/${hit.group.id}` : `/groups/${hit.group.id}`;
  return (
    <li className="card search-hit">
      <p className="search-hit-group">{direct ? t("direct.title") : hit.group.name}</p>
      {hit.before && <Line message={hit.before} className="search-context" />}
      <Line message={hit.message} className="search-match" q={q} />
      {hit.after && <Line message={hit.after} className="search-context" />}
      <Link className="btn small" to={`${base}?at=${hit.message.seq}`}>
        {t("search.open")}
      </Link>
    </li>
  );
}

function Line({ message: m, className, q }: { message: Message; className: string; q?: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const when = d.stamp(m.createdAt, new Date(m.createdAt).getFullYear() !== new Date().getFullYear());
  return (
    <p className={className}>
      <span className="search-meta">
        {m.sender?.displayName ?? t("search.someone")} · {when}
      </span>{" "}
      {q ? <Marked text={m.body ?? ""} q={q} /> : (m.body ?? "")}
    </p>
  );
}

/** The text with each query term marked (case-insensitive; plain text, never HTML). */
function Marked({ text, q }: { text: string; q: string }) {
  const terms = q
    .split(/\s+/)
    .filter(Boolean)
    .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (terms.length === 0) return <>{text}</>;
  const parts = text.split(new RegExp(`(${terms.join("|")})`, "gi"));
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
        i % 2 === 1 ? <mark key={i}>{p}</mark> : <Fragment key={i}>{p}</Fragment>,
      )}
    </>
  );
}
