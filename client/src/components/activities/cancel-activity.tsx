import type { Activity } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCancelActivity } from "../../api/activities";
import { Dialog } from "../dialog";
import { FormMessage, serverFieldErrors, TextArea } from "../form";
import { When } from "./activity-when";
import { activityErrorText, closed } from "./activity-words";

const REASON_MAX = 200;

/**
 * Organisers call a session off before it starts, saying why: everyone signed up or queueing is
 * told (the reason included); the list keeps it, marked cancelled, for the organisers.
 */
export function CancelActivity({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const cancel = useCancelActivity(a.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  if (!a.canManage || closed(a)) return null;

  async function submit() {
    setError(null);
    if (!reason.trim()) return setFieldError(t("validation.reasonRequired"));
    setFieldError(undefined);
    try {
      await cancel.mutateAsync({ reason: reason.trim() });
      setOpen(false);
    } catch (err) {
      const fields = serverFieldErrors(err, t);
      if (fields.reason) setFieldError(fields.reason);
      else setError(activityErrorText(err, t));
    }
  }

  return (
    <div className="activity-actions">
      <button type="button" className="btn danger block" onClick={() => setOpen(true)}>
        {t("activities.cancelActivity")}
      </button>
      <Dialog
        title={t("activities.cancelTitle", { topic: a.topic })}
        open={open}
        onClose={() => setOpen(false)}
      >
        <p>
          <When a={a} />
        </p>
        <p>{t("activities.cancelHint")}</p>
        <TextArea
          id="cancel-reason"
          label={t("activities.cancelReason")}
          value={reason}
          maxLength={REASON_MAX}
          rows={3}
          error={fieldError}
          onChange={(e) => {
            setReason(e.target.value);
            setFieldError(undefined);
          }}
        />
        <FormMessage error={error} />
        <div className="row confirm-actions">
          <button
            type="button"
            className="btn danger"
            disabled={cancel.isPending}
            onClick={() => void submit()}
          >
            {t("activities.cancelConfirm")}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
