import { AdminCreateUserSchema, type AdminUser, type Locale, STAFF_ROLES } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAdminCreateUser, useAdminSetDisabled, useAdminUsers } from "../api/core";
import {
  type FieldErrors,
  FormMessage,
  SelectField,
  SubmitButton,
  TextField,
  validate,
} from "../components/form";
import { ResetCodeButton } from "../components/reset-code";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { explainError } from "../i18n/errors";

const EMPTY = { email: "", password: "", displayName: "", role: "social_worker" };

/** Admin: create staff and social-worker accounts, disable or re-enable accounts. */
export function AdminUsersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const users = useAdminUsers();
  const create = useAdminCreateUser();
  const [v, setV] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  const [filter, setFilter] = useState("");

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const r = validate(AdminCreateUserSchema, { ...v, locale: i18n.language as Locale }, t);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    try {
      const u = await create.mutateAsync(r.data);
      setMsg({ success: t("admin.created", { name: u.displayName }) });
      setV(EMPTY);
    } catch (err) {
      const explained = explainError(err, t, ["displayName", "email", "password"]);
      setErrors(explained.fields);
      setMsg({ error: explained.form });
    }
  }

  const shown = (users.data ?? []).filter(
    (u) => !filter || (u.email ?? "").includes(filter.toLowerCase()) || u.displayName.includes(filter),
  );

  return (
    <Page title={t("admin.title")}>
      <form onSubmit={onSubmit} noValidate className="card form">
        <h2>{t("admin.createTitle")}</h2>
        <TextField
          label={t("auth.displayName")}
          value={v.displayName}
          error={errors.displayName}
          onChange={(e) => setV({ ...v, displayName: e.target.value })}
        />
        <TextField
          label={t("auth.email")}
          type="email"
          autoComplete="off"
          value={v.email}
          error={errors.email}
          onChange={(e) => setV({ ...v, email: e.target.value })}
        />
        <TextField
          label={t("admin.initialPassword")}
          type="text"
          autoComplete="off"
          value={v.password}
          error={errors.password}
          onChange={(e) => setV({ ...v, password: e.target.value })}
        />
        <SelectField
          label={t("admin.role")}
          value={v.role}
          options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(e) => setV({ ...v, role: e.target.value })}
        />
        <FormMessage error={msg.error} success={msg.success} />
        <SubmitButton busy={create.isPending}>{t("admin.create")}</SubmitButton>
      </form>
      <section className="card" aria-labelledby="users-h">
        <h2 id="users-h">{t("admin.accounts")}</h2>
        <TextField
          label={t("common.search")}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {users.isPending ? (
          <Loading />
        ) : users.isError ? (
          <ErrorBox error={users.error} />
        ) : (
          <ul className="list">
            {shown.map((u) => (
              <AccountRow key={u.id} user={u} self={u.id === me.id} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

/** One account: its name, role and email, a reset code (not for admins), disable or enable. */
function AccountRow({ user: u, self }: { user: AdminUser; self: boolean }) {
  const { t } = useTranslation();
  const setDisabled = useAdminSetDisabled();
  return (
    <li className="list-item">
      <p>
        <strong>{u.displayName}</strong> · {t(`roles.${u.role}`, { defaultValue: u.role })}
        {u.status === "disabled" && <span className="tag warn">{t("admin.disabled")}</span>}
      </p>
      {u.email && <p className="muted small">{u.email}</p>}
      {u.role !== "admin" && u.status === "active" && <ResetCodeButton userId={u.id} name={u.displayName} />}
      {!self && (
        <button
          type="button"
          className={u.status === "disabled" ? "btn small" : "btn small danger"}
          disabled={setDisabled.isPending}
          onClick={() => {
            const disabling = u.status !== "disabled";
            if (disabling && !window.confirm(t("admin.confirmDisable", { name: u.displayName }))) return;
            setDisabled.mutate({ id: u.id, disabled: disabling });
          }}
        >
          {u.status === "disabled"
            ? t("admin.enable", { name: u.displayName })
            : t("admin.disable", { name: u.displayName })}
        </button>
      )}
    </li>
  );
}
