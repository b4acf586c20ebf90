import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useQueue } from "../api/moderation";
import { ReportCard } from "../components/report-card";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useSocketEvent } from "../realtime/hooks";

/** Social worker: reported messages waiting for a decision. */
export function QueuePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const queue = useQueue();
  useSocketEvent("moderation:report", () => void qc.invalidateQueries({ queryKey: ["moderation"] }));
  return (
    <Page title={t("mod.queueTitle")}>
      <p className="lead">{t("mod.queueLead")}</p>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorBox error={queue.error} retry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <Empty>{t("mod.queueEmpty")}</Empty>
      ) : (
        <ul className="list">
          {queue.data.map((item) => (
            <ReportCard key={item.message.id} item={item} />
          ))}
        </ul>
      )}
    </Page>
  );
}
