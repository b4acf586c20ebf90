import type { Group, Member, Message, Presence, Support } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useNow } from "../hooks/use-now";
import { useDates } from "../i18n/dates";
import { chatStore } from "../realtime/chat-store";
import { MessageText } from "./chat-text";
import { Composer } from "./composer";
import { HelpText } from "./help-text";

/** The tags under a conversation's title (announcement, moderator, private); nothing when none applies. */
export function ChatSubtitle({ group, canManage }: { group: Group; canManage: boolean }) {
  const { t } = useTranslation();
  const direct = group.kind === "direct";
  const moderator = group.myRole === "moderator" && !direct;
  const manage = !direct && canManage;
  if (!direct && !moderator && !manage && group.kind !== "announcement") return null;
  return (
    <p className="muted small chat-tags">
      {group.kind === "announcement" && <span className="tag warn">{t("groups.announcement")}</span>}
      {moderator && <span className="tag">{t("chat.youModerate")}</span>}
      {direct && <span className="tag">{t("direct.privateNote")}</span>}
      {manage && <Link to={`/groups/${group.id}/manage`}>{t("manage.link")}</Link>}
    </p>
  );
}

/** Who is online in the conversation (opened from the header button). */
export function OnlineList({ online }: { online: Presence | null }) {
  const { t } = useTranslation();
  return (
    <section id="online-list" className="card" aria-label={t("chat.onlineList")}>
      {online && online.online.length > 0 ? (
        <ul className="plain inline">
          {online.online.map((u) => (
            <li key={u.id}>
              {u.displayName}
              {u.role === "moderator" && <span className="tag">{t("chat.moderatorBadge")}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("chat.nobodyOnline")}</p>
      )}
    </section>
  );
}

/** The private help cards the author of crisis talk sees, each until dismissed. */
export function SupportCards({ groupId, support }: { groupId: string; support: Support[] }) {
  const { t } = useTranslation();
  return support.map((s) => (
    <section key={s.messageId} className="notice support" aria-labelledby={`support-${s.messageId}`}>
      <h2 id={`support-${s.messageId}`}>{t("chat.supportTitle")}</h2>
      <p className="small muted">{t("chat.supportPrivate")}</p>
      <HelpText text={s.text} />
      <button
        type="button"
        className="btn small"
        onClick={() => chatStore.dismissSupport(groupId, s.messageId)}
      >
        {t("common.close")}
      </button>
    </section>
  ));
}

/** The pinned messages above the log (nothing when none is pinned). */
export function PinnedMessages({ pins }: { pins: Message[] | undefined }) {
  const { t } = useTranslation();
  if (!pins?.length) return null;
  return (
    <details className="pins">
      <summary>
        <h2>{t("chat.pinnedCount", { count: pins.length })}</h2>
      </summary>
      <ul className="plain">
        {pins.map((m) => (
          <li key={m.id} className="pin">
            <strong>{m.sender?.displayName}</strong>
            {m.body !== null ? <MessageText body={m.body} /> : <p>{t("chat.deleted")}</p>}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Below the log: who is typing, how many messages wait for the connection, and the composer, or
 * instead of it why the caller cannot write (muted, an announcement group).
 */
export function ChatFooter({
  group,
  typingNames,
  queued,
  members,
  replyTo,
  onCancelReply,
}: {
  group: Group;
  typingNames: string[];
  /** Messages waiting for the connection (0 while online). */
  queued: number;
  members: Member[];
  replyTo: Message | null;
  onCancelReply(): void;
}) {
  const { t } = useTranslation();
  const d = useDates();
  const now = useNow(30_000);
  const muted = group.mute && Date.parse(group.mute.until) > now ? group.mute : null;
  const readOnly = group.kind === "announcement" && group.myRole !== "moderator";
  return (
    <>
      <p className="typing" aria-live="polite">
        {typingNames.length > 0 ? t("chat.typing", { names: typingNames.join("、") }) : ""}
      </p>
      {queued > 0 && (
        <p className="notice warn" role="status">
          {t("chat.queued", { count: queued })}
        </p>
      )}
      {muted ? (
        <div className="notice warn" role="status" data-testid="mute-notice">
          <p>
            <strong>
              {t("chat.mutedUntil", { until: d.dateTime(muted.until), left: d.distance(muted.until) })}
            </strong>
          </p>
          <p>{t("chat.mutedReason", { reason: muted.reason })}</p>
        </div>
      ) : readOnly ? (
        <p className="notice">{t("chat.announcementOnly")}</p>
      ) : (
        <Composer groupId={group.id} members={members} replyTo={replyTo} onCancelReply={onCancelReply} />
      )}
    </>
  );
}
