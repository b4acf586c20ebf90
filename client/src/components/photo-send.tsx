import { MEDIA_LIMITS, MESSAGE_LIMITS } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { chatStore } from "../realtime/chat-store";
import { Dialog } from "./dialog";

/**
 * The chosen photo before it is sent (a lazily loaded chunk): a preview, an optional caption, send.
 * The server checks the file by its content; a file far too big is refused here already.
 */
export default function PhotoSend({
  groupId,
  replyToSeq,
  file,
  onDone,
  onClose,
}: {
  groupId: string;
  replyToSeq?: number | undefined;
  file: File;
  onDone(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [caption, setCaption] = useState("");
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(file);
    setPreview(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  const tooBig = file.size > MEDIA_LIMITS.photoMaxBytes;

  async function send() {
    await chatStore.send(groupId, caption.trim(), replyToSeq, { blob: file, media: { kind: "photo" } });
    onDone();
  }

  return (
    <Dialog title={t("media.sendPhoto")} open onClose={onClose}>
      {preview && <img className="photo-preview" src={preview} alt={t("media.preview")} />}
      {tooBig ? (
        <p className="field-error" role="alert">
          {t("errors.reasons.too_big")}
        </p>
      ) : (
        // not a <form>: this renders inside the composer's form, and nested forms do not work
        <div className="stack">
          <label htmlFor="photo-caption">{t("media.caption")}</label>
          <input
            id="photo-caption"
            value={caption}
            maxLength={MESSAGE_LIMITS.bodyMax}
            onChange={(e) => setCaption(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              void send();
            }}
          />
          <button type="button" className="btn primary" onClick={() => void send()}>
            {t("chat.send")}
          </button>
        </div>
      )}
    </Dialog>
  );
}
