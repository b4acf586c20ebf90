import { type WatchedWord, WatchedWordCreateSchema, WatchedWordUpdateSchema } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAudit, useModeration, useWatchedWords } from "../api/moderation";
import { Dialog } from "../components/dialog";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  serverFieldErrors,
  TextArea,
  TextField,
  validate,
} from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import {
  draftOf,
  emptyDraft,
  inputOf,
  TestExplanation,
  type WordDraft,
  WordFields,
  WordTags,
} from "../components/watched-words";
import { useDates } from "../i18n/dates";

/** Watched words (block / flag / crisis / allow exceptions) and "test this text". */

const WORDS_PER_PAGE = 30;
export function WordsPage() {
  const { t } = useTranslation();
  const words = useWatchedWords();
  const mod = useModeration();
  const [draft, setDraft] = useState<WordDraft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<string | null>(null);
  const [sample, setSample] = useState("");
  const [editing, setEditing] = useState<WatchedWord | null>(null);
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const matching = (words.data ?? []).filter(
    (w) => !needle || [w.phrase, ...w.variants].some((p) => p.toLowerCase().includes(needle)),
  );
  // The starter list alone has over a hundred entries: a phone shows a page at a time.
  const [limit, setLimit] = useState(WORDS_PER_PAGE);
  const shown = matching.slice(0, limit);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(WatchedWordCreateSchema, inputOf(draft), t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    try {
      await mod.addWord.mutateAsync(v.data);
      setDraft(emptyDraft);
      setMsg(null);
    } catch (err) {
      setMsg(errorText(err, t));
    }
  }

  return (
    <Page title={t("mod.wordsTitle")}>
      <p className="lead">{t("mod.wordsLead")}</p>
      <form className="card form" onSubmit={(e) => e.preventDefault()} aria-labelledby="test-h">
        <h2 id="test-h">{t("mod.testTitle")}</h2>
        <TextArea
          label={t("mod.testText")}
          rows={2}
          value={sample}
          onChange={(e) => setSample(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          disabled={!sample.trim()}
          onClick={() => mod.testText.mutate(sample)}
        >
          {t("mod.test")}
        </button>
        {mod.testText.data && <TestExplanation result={mod.testText.data} />}
      </form>
      <form className="card form" onSubmit={add} noValidate>
        <h2>{t("mod.addWord")}</h2>
        <WordFields draft={draft} errors={errors} onChange={setDraft} />
        <FormMessage error={msg} />
        <button type="submit" className="btn primary">
          {t("mod.addWord")}
        </button>
      </form>
      <TextField
        label={t("mod.filterWords")}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {words.isPending ? (
        <Loading />
      ) : words.isError ? (
        <ErrorBox error={words.error} />
      ) : words.data.length === 0 ? (
        <Empty>{t("mod.noWords")}</Empty>
      ) : (
        <ul className="list" aria-label={t("mod.wordList", { count: matching.length })}>
          {shown.map((w) => (
            <li key={w.id} className="list-item row">
              <WordTags word={w} />
              <span>{w.phrase}</span>
              {w.variants.length > 0 && <span className="muted small">{w.variants.join("、")}</span>}
              <button type="button" className="btn small" onClick={() => setEditing(w)}>
                {t("mod.editWord", { phrase: w.phrase })}
              </button>
              <button
                type="button"
                className="btn small danger"
                onClick={() => {
                  if (window.confirm(t("mod.confirmRemoveWord", { phrase: w.phrase })))
                    mod.deleteWord.mutate(w.id);
                }}
              >
                {t("mod.removeWord", { phrase: w.phrase })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {matching.length > shown.length && (
        <button type="button" className="btn" onClick={() => setLimit(limit + WORDS_PER_PAGE)}>
          {t("mod.moreWords", { count: matching.length - shown.length })}
        </button>
      )}
      <EditWordDialog word={editing} onClose={() => setEditing(null)} />
    </Page>
  );
}

/** Change a word's phrase, action, tier, forms or variants. */
function EditWordDialog({ word, onClose }: { word: WatchedWord | null; onClose(): void }) {
  const { t } = useTranslation();
  const mod = useModeration();
  const [draft, setDraft] = useState<WordDraft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    if (word) setDraft(draftOf(word));
    setErrors({});
    setMsg(null);
  }, [word]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!word) return;
    const v = validate(WatchedWordUpdateSchema, inputOf(draft), t);
    if (!v.ok) return setErrors(v.errors);
    try {
      await mod.updateWord.mutateAsync({ id: word.id, input: v.data });
      onClose();
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setMsg(errorText(err, t));
    }
  }

  return (
    <Dialog title={t("mod.editWordTitle")} open={word !== null} onClose={onClose}>
      <form className="form" onSubmit={save} noValidate>
        <WordFields draft={draft} errors={errors} onChange={setDraft} />
        <FormMessage error={msg} />
        <button type="submit" className="btn primary">
          {t("common.save")}
        </button>
      </form>
    </Dialog>
  );
}

/** The moderation audit log, newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const d = useDates();
  const audit = useAudit();
  if (audit.isPending) return <Loading />;
  if (audit.isError) return <ErrorBox error={audit.error} />;
  const entries = audit.data.pages.flatMap((p) => p.entries);
  return (
    <Page title={t("mod.auditTitle")}>
      {entries.length === 0 ? (
        <Empty>{t("mod.auditEmpty")}</Empty>
      ) : (
        <ul className="list">
          {entries.map((e) => (
            <li key={e.id} className="list-item">
              <p>
                <strong>{t(`mod.audit.${e.action}`)}</strong>
                {e.targetUser && ` · ${e.targetUser.displayName}`}
              </p>
              <p className="muted small">
                {d.dateTime(e.createdAt)} · {e.actor?.displayName ?? t("mod.system")}
                {e.reason && ` · ${t("mod.reasonIs", { reason: e.reason })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {audit.hasNextPage && (
        <button type="button" className="btn" onClick={() => void audit.fetchNextPage()}>
          {t("mod.more")}
        </button>
      )}
    </Page>
  );
}
