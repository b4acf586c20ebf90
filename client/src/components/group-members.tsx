import type { ModeratedMember } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MEMBERS_PER_PAGE, useModeratedMembers } from "../api/moderation";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { Dialog } from "./dialog";
import { TextField } from "./form";
import { MessageFamilyButton } from "./message-family-button";
import { SanctionForm } from "./moderation-dialogs";
import { Empty, ErrorBox, Loading } from "./ui";

/**
 * The group's members for its moderators: search by name, page through, and mute, remove or ban
 * one (or lift a mute, through `onLiftMute`).
 */
export function MembersSection({
  groupId,
  onLiftMute,
}: {
  groupId: string;
  onLiftMute(m: ModeratedMember): void;
}) {
  const { t } = useTranslation();
  const d = useDates();
  const me = useMe();
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [acting, setActing] = useState<ModeratedMember | null>(null);
  const page = useModeratedMembers(groupId, q.trim(), offset);
  const total = page.data?.total ?? 0;
  return (
    <section className="card section" aria-labelledby="members-h">
      <h2 id="members-h">{t("manage.membersTitle")}</h2>
      <TextField
        label={t("manage.searchMembers")}
        type="search"
        value={q}
        maxLength={50}
        onChange={(e) => {
          setQ(e.target.value);
          setOffset(0);
        }}
      />
      {page.isPending ? (
        <Loading />
      ) : page.isError ? (
        <ErrorBox error={page.error} retry={() => void page.refetch()} />
      ) : page.data.members.length === 0 ? (
        <Empty>{t("manage.noMembersFound")}</Empty>
      ) : (
        <>
          <p className="muted small" role="status">
            {t("manage.membersCount", { count: total })}
          </p>
          <ul className="list">
            {page.data.members.map((m) => (
              <li key={m.id} className="list-item member-row">
                <p>
                  <strong>{m.displayName}</strong>
                  {m.role === "moderator" && <span className="tag">{t("chat.moderatorBadge")}</span>}
                  {m.mutedUntil && (
                    <span className="tag warn">
                      {t("manage.mutedUntil", { time: d.dateTime(m.mutedUntil) })}
                    </span>
                  )}
                </p>
                {m.role !== "moderator" && (
                  <div className="row wrap">
                    <button type="button" className="btn small" onClick={() => setActing(m)}>
                      {t("mod.sanctionMember", { name: m.displayName })}
                    </button>
                    {m.mutedUntil && (
                      <button type="button" className="btn small" onClick={() => onLiftMute(m)}>
                        {t("manage.liftMute")}
                      </button>
                    )}
                    {me.role === "social_worker" && <MessageFamilyButton small target={{ userId: m.id }} />}
                  </div>
                )}
              </li>
            ))}
          </ul>
          <div className="row">
            <button
              type="button"
              className="btn small"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - MEMBERS_PER_PAGE))}
            >
              {t("manage.prevPage")}
            </button>
            <button
              type="button"
              className="btn small"
              disabled={!page.data.hasMore}
              onClick={() => setOffset(offset + MEMBERS_PER_PAGE)}
            >
              {t("manage.nextPage")}
            </button>
          </div>
        </>
      )}
      <Dialog
        title={acting ? t("mod.sanctionTitle", { name: acting.displayName }) : ""}
        open={acting !== null}
        onClose={() => setActing(null)}
      >
        {acting && <SanctionForm groupId={groupId} userId={acting.id} onDone={() => setActing(null)} />}
      </Dialog>
    </section>
  );
}
