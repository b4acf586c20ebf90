import { WATCHED_WORD_ACTIONS, type WatchedWordAction, WatchedWordCreateSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAudit, useModeration, useWatchedWords } from "../api/moderation";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SelectField,
  TextArea,
  TextField,
  validate,
} from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";

/** Watched words (block / flag / crisis) and "test this text". */
export function WordsPage() {
  const { t } = useTranslation();
  const words = useWatchedWords();
  const mod = useModeration();
  const [phrase, setPhrase] = useState("");
  const [action, setAction] = useState<WatchedWordAction>("flag");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<string | null>(null);
  const [sample, setSample] = useState("");

  async function add(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(WatchedWordCreateSchema, { phrase, action }, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    try {
      await mod.addWord.mutateAsync(v.data);
      setPhrase("");
      setMsg(null);
    } catch (err) {
      setMsg(errorText(err, t));
    }
  }

  const result = mod.testText.data;
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
        {result && (
          <p role="status" className={result.action ? "notice warn" : "notice"}>
            {result.action
              ? t("mod.testResult", {
                  action: t(`mod.wordActions.${result.action}`),
                  words: result.matches.map((m) => m.phrase).join("、"),
                })
              : t("mod.testNone")}
          </p>
        )}
      </form>
      <form className="card form" onSubmit={add} noValidate>
        <h2>{t("mod.addWord")}</h2>
        <TextField
          label={t("mod.phrase")}
          value={phrase}
          error={errors.phrase}
          onChange={(e) => setPhrase(e.target.value)}
        />
        <SelectField
          label={t("mod.wordAction")}
          value={action}
          options={WATCHED_WORD_ACTIONS.map((a) => ({ value: a, label: t(`mod.wordActions.${a}`) }))}
          onChange={(e) => setAction(e.target.value as WatchedWordAction)}
        />
        <FormMessage error={msg} />
        <button type="submit" className="btn primary">
          {t("mod.addWord")}
        </button>
      </form>
      {words.isPending ? (
        <Loading />
      ) : words.isError ? (
        <ErrorBox error={words.error} />
      ) : words.data.length === 0 ? (
        <Empty>{t("mod.noWords")}</Empty>
      ) : (
        <ul className="list">
          {words.data.map((w) => (
            <li key={w.id} className="list-item row">
              <span className={w.action === "crisis" ? "tag danger" : "tag warn"}>
                {t(`mod.wordActions.${w.action}`)}
              </span>
              <span>{w.phrase}</span>
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
    </Page>
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
