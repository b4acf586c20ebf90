import {
  GROUP_LIMITS,
  type Group,
  type GroupUpdateInput,
  GroupUpdateSchema,
  LiftSchema,
} from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { chatKeys, storeGroup, useGroup, useMembers } from "../api/chat";
import { api } from "../api/client";
import { useAdminUsers } from "../api/core";
import { useBans, useModeration, useMutes } from "../api/moderation";
import { Dialog } from "../components/dialog";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SelectField,
  SubmitButton,
  serverFieldErrors,
  TextArea,
  TextField,
  validate,
} from "../components/form";
import { GroupProfileFields } from "../components/group-create";
import { MembersSection } from "../components/group-members";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";

/** A group's moderators (and admins): settings, archive, moderators, mutes and bans. */
export function GroupManagePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const group = useGroup(id);
  if (group.isPending) return <Loading />;
  if (group.isError) return <ErrorBox error={group.error} retry={() => void group.refetch()} />;
  const g = group.data;
  const allowed = g.myRole === "moderator" || me.role === "admin";
  return (
    <Page title={t("manage.title", { name: g.name })}>
      <p className="muted small">
        <Link to={`/groups/${g.id}`}>{t("manage.backToChat")}</Link>
        {g.archivedAt && <span className="tag warn">{t("manage.archivedTag")}</span>}
      </p>
      {!allowed ? (
        <p className="notice warn">{t("manage.notModerator")}</p>
      ) : (
        <>
          <SettingsForm group={g} />
          <ModeratorsSection group={g} />
          <MembersWithLift groupId={g.id} />
          <MutesSection groupId={g.id} />
          <BansSection groupId={g.id} />
          <ArchiveSection group={g} />
        </>
      )}
    </Page>
  );
}

function useUpdateGroup(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupUpdateInput) => api<Group>("PATCH", `/api/groups/${id}`, input),
    onSuccess: (g) => storeGroup(qc, g),
  });
}

function SettingsForm({ group }: { group: Group }) {
  const { t } = useTranslation();
  const update = useUpdateGroup(group.id);
  const initial = () => ({
    name: group.name,
    description: group.description,
    topic: group.topic as string,
    kind: group.kind as string,
    slowModeSeconds: String(group.slowModeSeconds),
    hideThreshold: String(group.hideThreshold),
  });
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when the group changes
  useEffect(() => setV(initial()), [group]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMsg({});
    const now = initial();
    const changed: Record<string, unknown> = {};
    for (const k of ["name", "description", "topic", "kind"] as const) if (v[k] !== now[k]) changed[k] = v[k];
    for (const k of ["slowModeSeconds", "hideThreshold"] as const)
      if (v[k] !== now[k]) changed[k] = v[k].trim() === "" ? Number.NaN : Number(v[k]);
    if (Object.keys(changed).length === 0) return setMsg({ success: t("manage.unchanged") });
    if (changed.name !== undefined && !String(changed.name).trim())
      return setErrors({ name: t("validation.required") });
    const r = validate(GroupUpdateSchema, changed, t);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    try {
      await update.mutateAsync(r.data);
      setMsg({ success: t("manage.saved") });
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <form className="card form section" onSubmit={submit} noValidate aria-labelledby="settings-h">
      <h2 id="settings-h">{t("manage.settings")}</h2>
      <GroupProfileFields value={v} errors={errors} onChange={(patch) => setV({ ...v, ...patch })}>
        <TextField
          label={t("manage.slowMode")}
          hint={t("manage.slowModeHint", { max: GROUP_LIMITS.slowModeMaxSeconds })}
          type="number"
          inputMode="numeric"
          min={0}
          max={GROUP_LIMITS.slowModeMaxSeconds}
          value={v.slowModeSeconds}
          error={errors.slowModeSeconds}
          onChange={(e) => setV({ ...v, slowModeSeconds: e.target.value })}
        />
        <TextField
          label={t("manage.hideThreshold")}
          hint={t("manage.hideThresholdHint", { max: GROUP_LIMITS.hideThresholdMax })}
          type="number"
          inputMode="numeric"
          min={0}
          max={GROUP_LIMITS.hideThresholdMax}
          value={v.hideThreshold}
          error={errors.hideThreshold}
          onChange={(e) => setV({ ...v, hideThreshold: e.target.value })}
        />
      </GroupProfileFields>
      <FormMessage error={msg.error ?? null} success={msg.success ?? null} />
      <SubmitButton busy={update.isPending}>{t("manage.save")}</SubmitButton>
    </form>
  );
}

function ArchiveSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const update = useUpdateGroup(group.id);
  const [error, setError] = useState<string | null>(null);
  const archived = group.archivedAt !== null;
  async function toggle() {
    const q = archived
      ? t("manage.confirmRestore", { name: group.name })
      : t("manage.confirmArchive", { name: group.name });
    if (!window.confirm(q)) return;
    setError(null);
    try {
      await update.mutateAsync({ archived: !archived });
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <section className="card section" aria-labelledby="archive-h">
      <h2 id="archive-h">{archived ? t("manage.restoreTitle") : t("manage.archiveTitle")}</h2>
      <p className="muted">{archived ? t("manage.restoreLead") : t("manage.archiveLead")}</p>
      <FormMessage error={error} />
      <button
        type="button"
        className={archived ? "btn" : "btn danger"}
        disabled={update.isPending}
        onClick={() => void toggle()}
      >
        {archived ? t("manage.restore") : t("manage.archive")}
      </button>
    </section>
  );
}

function ModeratorsSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const members = useMembers(group.id, true);
  const isAdmin = me.role === "admin";
  const users = useAdminUsers(isAdmin);
  const [userId, setUserId] = useState("");
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  const add = useMutation({
    mutationFn: (uid: string) => api("POST", `/api/groups/${group.id}/moderators`, { userId: uid }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: chatKeys.members(group.id) });
      void qc.invalidateQueries({ queryKey: chatKeys.group(group.id) });
    },
  });
  const moderators = (members.data ?? []).filter((m) => m.role === "moderator");
  const modIds = new Set(moderators.map((m) => m.id));
  // admins pick any active social worker or admin; social workers pick among the group's members
  const candidates = isAdmin
    ? (users.data ?? [])
        .filter((u) => (u.role === "social_worker" || u.role === "admin") && u.status === "active")
        .filter((u) => !modIds.has(u.id))
        .map((u) => ({ value: u.id, label: `${u.displayName} · ${t(`roles.${u.role}`)} · ${u.email}` }))
    : (members.data ?? [])
        .filter((m) => m.role === "member")
        .map((m) => ({ value: m.id, label: m.displayName }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMsg({});
    if (!userId) return setMsg({ error: t("manage.pickModerator") });
    try {
      await add.mutateAsync(userId);
      setUserId("");
      setMsg({ success: t("manage.moderatorAdded") });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <section className="card section" aria-labelledby="mods-h">
      <h2 id="mods-h">{t("manage.moderators")}</h2>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorBox error={members.error} />
      ) : moderators.length === 0 ? (
        <Empty>{t("manage.noModerators")}</Empty>
      ) : (
        <ul className="plain inline">
          {moderators.map((m) => (
            <li key={m.id}>
              {m.displayName} <span className="tag">{t("chat.moderatorBadge")}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          label={t("manage.addModeratorWho")}
          value={userId}
          options={[{ value: "", label: t("manage.choose") }, ...candidates]}
          onChange={(e) => setUserId(e.target.value)}
        />
        {!isAdmin && <p className="hint">{t("manage.addModeratorHint")}</p>}
        <FormMessage error={msg.error ?? null} success={msg.success ?? null} />
        <SubmitButton busy={add.isPending}>{t("manage.addModerator")}</SubmitButton>
      </form>
    </section>
  );
}

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
function MembersWithLift({ groupId }: { groupId: string }) {
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

function MutesSection({ groupId }: { groupId: string }) {
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

function BansSection({ groupId }: { groupId: string }) {
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
