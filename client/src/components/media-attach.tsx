import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

// the recorder and the photo preview load on first use: the chat's first screen stays small
const VoiceRecorder = lazy(() => import("./voice-recorder"));
const PhotoSend = lazy(() => import("./photo-send"));

/**
 * The composer's attachment row: record a voice message, pick a photo, or take one with the
 * camera (phones open it for `capture`). Both are sent through the chat outbox.
 */
export function MediaAttach({
  groupId,
  replyToSeq,
  onSent,
}: {
  groupId: string;
  replyToSeq?: number | undefined;
  onSent(): void;
}) {
  const { t } = useTranslation();
  const [voice, setVoice] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const pick = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const chosen = (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = "";
    if (f) setPhoto(f);
  };
  const done = () => {
    setVoice(false);
    setPhoto(null);
    onSent();
  };
  return (
    <div className="media-attach">
      <div className="media-buttons">
        <button type="button" className="btn small" aria-expanded={voice} onClick={() => setVoice((v) => !v)}>
          {t("media.voice")}
        </button>
        <button type="button" className="btn small" onClick={() => pick.current?.click()}>
          {t("media.pickPhoto")}
        </button>
        <button type="button" className="btn small" onClick={() => camera.current?.click()}>
          {t("media.takePhoto")}
        </button>
        <input ref={pick} type="file" accept="image/*" hidden data-testid="photo-input" onChange={chosen} />
        <input ref={camera} type="file" accept="image/*" capture="environment" hidden onChange={chosen} />
      </div>
      <Suspense fallback={null}>
        {voice && (
          <VoiceRecorder
            groupId={groupId}
            replyToSeq={replyToSeq}
            onDone={done}
            onClose={() => setVoice(false)}
          />
        )}
        {photo && (
          <PhotoSend
            groupId={groupId}
            replyToSeq={replyToSeq}
            file={photo}
            onDone={done}
            onClose={() => setPhoto(null)}
          />
        )}
      </Suspense>
    </div>
  );
}
