import type { Conversation } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useGroup } from "../api/chat";
import { useFamily } from "../api/core";
import { conversationTitle, useConversations, useOpenConversation } from "../api/direct";
import { ChatView } from "../components/chat-view";
import { errorText } from "../components/form";
import { CountBadge, Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";

/** Private messages: caregivers with their family's social workers, social workers with their families. */
export function MessagesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useConversations();
  const caregiver = me.role === "caregiver";
  return (
    <Page title={t("direct.title")}>
      <p className="muted">{caregiver ? t("direct.leadCaregiver") : t("direct.leadStaff")}</p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => void list.refetch()} />
      ) : (
        <>
          {list.data.length === 0 && !caregiver && <Empty>{t("direct.none")}</Empty>}
          <ul className="plain conversation-list">
            {list.data.map((c) => (
              <ConversationRow key={c.id} c={c} />
            ))}
          </ul>
          {caregiver && <StartWithSocialWorker have={list.data} />}
        </>
      )}
    </Page>
  );
}

function ConversationRow({ c }: { c: Conversation }) {
  const { t } = useTranslation();
  const me = useMe();
  const d = useDates();
  return (
    <li className="card conversation">
      <Link to={`/messages/${c.id}`} className="conversation-link">
        <strong>{conversationTitle(c, me.role, t)}</strong>
        <CountBadge count={c.unreadCount} label={t("direct.unread", { count: c.unreadCount })} />
      </Link>
      {c.lastMessageAt && (
        <span className="muted small">{t("direct.lastAt", { when: d.dateTime(c.lastMessageAt) })}</span>
      )}
    </li>
  );
}

/** A caregiver starts a conversation with each assigned social worker she has none with yet. */
function StartWithSocialWorker({ have }: { have: Conversation[] }) {
  const { t } = useTranslation();
  const family = useFamily();
  const open = useOpenConversation();
  const navigate = useNavigate();
  if (!family.data) return null;
  const missing = family.data.socialWorkers.filter((s) => !have.some((c) => c.socialWorker?.id === s.id));
  if (family.data.socialWorkers.length === 0) return <Empty>{t("direct.noSw")}</Empty>;
  return (
    <>
      {missing.map((s) => (
        <button
          key={s.id}
          type="button"
          className="btn primary"
          disabled={open.isPending}
          onClick={async () => {
            const c = await open.mutateAsync({ socialWorkerId: s.id }).catch(() => undefined);
            if (c) navigate(`/messages/${c.id}`);
          }}
        >
          {t("direct.start", { name: s.displayName })}
        </button>
      ))}
      {open.isError && (
        <p className="form-error" role="alert">
          {errorText(open.error, t)}
        </p>
      )}
    </>
  );
}

/** One private conversation, rendered by the group chat view. */
export function DirectChatPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const group = useGroup(id);
  const list = useConversations();
  if (group.isPending) return <Loading />;
  if (group.isError) return <ErrorBox error={group.error} retry={() => void group.refetch()} />;
  const c = list.data?.find((x) => x.id === id);
  const title = c ? conversationTitle(c, me.role, t) : t("direct.title");
  return <ChatView key={id} group={group.data} title={title} />;
}
