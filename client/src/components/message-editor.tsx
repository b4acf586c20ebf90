import { MESSAGE_LIMITS } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** Edit one's own message in place; `onSave` gets the draft, `onCancel` leaves the text as it was. */
export function MessageEditor({
  messageId,
  initial,
  onSave,
  onCancel,
}: {
  messageId: string;
  initial: string;
  onSave(draft: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  return (
    <div className="field">
      <label htmlFor={`edit-${messageId}`}>{t("chat.editLabel")}</label>
      <textarea
        id={`edit-${messageId}`}
        value={draft}
        rows={3}
        maxLength={MESSAGE_LIMITS.bodyMax}
        onChange={(e) => setDraft(e.target.value)}
      />
      <div className="row">
        <button type="button" className="btn primary small" onClick={() => onSave(draft)}>
          {t("common.save")}
        </button>
        <button type="button" className="btn small" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
