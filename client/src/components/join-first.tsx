import type { Group } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useJoinLeave } from "../api/chat";
import { ErrorBox, Page } from "./ui";

/** A group the caller may read about but has not joined: what it is, and one tap to join. */
export function JoinFirst({ group }: { group: Group }) {
  const { t } = useTranslation();
  const join = useJoinLeave();
  return (
    <Page title={group.name}>
      <p>{group.description}</p>
      <p className="muted">{t("groups.members", { count: group.memberCount })}</p>
      <button
        type="button"
        className="btn primary"
        disabled={join.isPending}
        onClick={() => join.mutate({ id: group.id, join: true })}
      >
        {t("groups.join", { name: group.name })}
      </button>
      {join.isError && <ErrorBox error={join.error} />}
    </Page>
  );
}
