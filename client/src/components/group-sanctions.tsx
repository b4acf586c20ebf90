import { LiftSchema } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBans, useModeration, useMutes } from "../api/moderation";
import { useDates } from "../i18n/dates";
import { Dialog } from "./dialog";
import { errorText, FormMessage, SubmitButton, TextArea, validate } from "./form";
import { MembersSection } from "./group-members";
import { Empty, ErrorBox, Loading } from "./ui";

type LiftTarget = { kind: "mute" | "ban"; userId: string; name: string };

/** Confirm lifting a mute or a ban, with an optional reason for the audit log. */
function LiftDialog({
  groupId,
  target,
  onClose,
}: {
  groupId: string;
  target: LiftTarget | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const mod = useModeration();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const m = target?.kind === "ban" ? mod.liftBan : mod.liftMute;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new target starts with an empty form
  useEffect(() => {
    setReason("");
    setError(null);
    setFieldError(undefined);
  }, [target]);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!target) return;
    const r = validate(LiftSchema, reason.trim() ? { reason } : {}, t);
    if (!r.ok) return setFieldError(r.errors.reason ?? t("validation.invalid"));
    try {
      await m.mutateAsync({
        groupId,
        userId: target.userId,
        ...(r.data.reason ? { reason: r.data.reason } : {}),
      });
      onClose();
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  const title = target
    ? t(target.kind === "ban" ? "manage.liftBanTitle" : "manage.liftMuteTitle", { name: target.name })
    : "";
  return (
    <Dialog title={title} open={target !== null} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p>{target?.kind === "ban" ? t("manage.liftBanLead") : t("manage.liftMuteLead")}</p>
        <TextArea
          label={t("manage.liftReason")}
          hint={t("manage.liftReasonHint")}
          rows={2}
          value={reason}
          error={fieldError}
          onChange={(e) => setReason(e.target.value)}
        />
        <FormMessage error={error} />
        <SubmitButton busy={m.isPending}>
          {target?.kind === "ban" ? t("manage.liftBan") : t("manage.liftMute")}
        </SubmitButton>
      </form>
    </Dialog>
  );
}

/** The searchable member list; lifting a mute goes through the same dialog as the mutes list. */
export function MembersWithLift({ groupId }: { groupId: string }) {
  const [target, setTarget] = useState<LiftTarget | null>(null);
  return (
    <>
      <MembersSection
        groupId={groupId}
        onLiftMute={(m) => setTarget({ kind: "mute", userId: m.id, name: m.displayName })}
      />
      <LiftDialog groupId={groupId} target={target} onClose={() => setTarget(null)} />
    </>
  );
}

export function MutesSection({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const mutes = useMutes(groupId);
  const [target, setTarget] = useState<LiftTarget | null>(null);
  return (
    <section className="card section" aria-labelledby="mutes-h">
      <h2 id="mutes-h">{t("manage.mutes")}</h2>
      {mutes.isPending ? (
        <Loading />
      ) : mutes.isError ? (
        <ErrorBox error={mutes.error} retry={() => void mutes.refetch()} />
      ) : mutes.data.length === 0 ? (
        <Empty>{t("manage.noMutes")}</Empty>
      ) : (
        <ul className="list">
          {mutes.data.map((m) => (
            <li key={m.id} className="list-item">
              <p>
                <strong>{m.user.displayName}</strong>
              </p>
              <p className="muted small">
                {t("manage.mutedUntil", { time: d.dateTime(m.until) })} ·{" "}
                {t("mod.reasonIs", { reason: m.reason })}
              </p>
              <button
                type="button"
                className="btn"
                onClick={() => setTarget({ kind: "mute", userId: m.user.id, name: m.user.displayName })}
              >
                {t("manage.liftMuteOf", { name: m.user.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <LiftDialog groupId={groupId} target={target} onClose={() => setTarget(null)} />
    </section>
  );
}

export function BansSection({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const bans = useBans(groupId);
  const [target, setTarget] = useState<LiftTarget | null>(null);
  return (
    <section className="card section" aria-labelledby="bans-h">
      <h2 id="bans-h">{t("manage.bans")}</h2>
      {bans.isPending ? (
        <Loading />
      ) : bans.isError ? (
        <ErrorBox error={bans.error} retry={() => void bans.refetch()} />
      ) : bans.data.length === 0 ? (
        <Empty>{t("manage.noBans")}</Empty>
      ) : (
        <ul className="list">
          {bans.data.map((b) => (
            <li key={b.user.id} className="list-item">
              <p>
                <strong>{b.user.displayName}</strong>
              </p>
              <p className="muted small">
                {t("manage.bannedAt", { time: d.dateTime(b.createdAt) })} ·{" "}
                {t("mod.reasonIs", { reason: b.reason })}
              </p>
              <button
                type="button"
                className="btn"
                onClick={() => setTarget({ kind: "ban", userId: b.user.id, name: b.user.displayName })}
              >
                {t("manage.liftBanOf", { name: b.user.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <LiftDialog groupId={groupId} target={target} onClose={() => setTarget(null)} />
    </section>
  );
}
