import { GROUP_LIMITS, type Group, type GroupUpdateInput, GroupUpdateSchema } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { call } from "../api/call";
import { chatKeys, storeGroup, useGroup, useMembers } from "../api/chat";
import { useAdminUsers } from "../api/core";
import { ROUTES } from "../api/routes.gen";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SelectField,
  SubmitButton,
  serverFieldErrors,
  TextField,
  validate,
} from "../components/form";
import { GroupProfileFields } from "../components/group-create";
import { BansSection, MembersWithLift, MutesSection } from "../components/group-sanctions";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";

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
    mutationFn: (input: GroupUpdateInput) => call(ROUTES.updateGroup, { params: { id }, body: input }),
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
    mutationFn: (uid: string) =>
      call(ROUTES.addModerator, { params: { id: group.id }, body: { userId: uid } }),
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
