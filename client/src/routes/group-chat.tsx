import { useTranslation } from "react-i18next";
import { Navigate, useParams } from "react-router";
import { useGroup } from "../api/chat";
import { ChatView } from "../components/chat-view";
import { JoinFirst } from "../components/join-first";
import { ErrorBox, Loading } from "../components/ui";

/** One group's live conversation. */
export function GroupChatPage() {
  const { id = "" } = useParams();
  const group = useGroup(id);
  const { t } = useTranslation();
  if (group.isPending) return <Loading />;
  if (group.isError) return <ErrorBox error={group.error} retry={() => void group.refetch()} />;
  if (group.data.kind === "direct") return <Navigate to={`/messages/${id}`} replace />;
  if (!group.data.isMember) return <JoinFirst group={group.data} />;
  return <ChatView key={id} group={group.data} title={group.data.name || t("groups.title")} />;
}
