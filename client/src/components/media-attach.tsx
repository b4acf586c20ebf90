import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

// the recorder and the photo preview load on first use: the chat's first screen stays small
const VoiceRecorder = lazy(() => import("./voice-recorder"));
const PhotoSend = lazy(() => import("./photo-send"));

/** Where a photo or recording goes: the conversation and the message it answers. */
interface Target {
  groupId: string;
  replyToSeq?: number | undefined;
  onSent(): void;
}

/**
 * The composer's attachments as WeChat lays them out: a voice button left of the text (it swaps
 * the text box for a big "hold to talk" button) and a "+" that opens a sheet with photo and
 * camera under the composer. Both send through the chat outbox.
 */
export function useAttach(target: Target) {
  const [voice, setVoice] = useState(false);
  const [sheet, setSheet] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const pick = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  return {
    target,
    voice,
    sheet,
    photo,
    pick,
    camera,
    setPhoto,
    toggleVoice: () => {
      setSheet(false);
      setVoice((v) => !v);
    },
    toggleSheet: () => setSheet((s) => !s),
    done: () => {
      setVoice(false);
      setSheet(false);
      setPhoto(null);
      target.onSent();
    },
  };
}
type Attach = ReturnType<typeof useAttach>;

/** The round button left of the text box: "voice", or back to the keyboard while recording. */
export function VoiceToggle({ a }: { a: Attach }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn small chat-icon-btn"
      aria-label={a.voice ? t("media.closeVoice") : t("media.voice")}
      onClick={a.toggleVoice}
    >
      {a.voice ? <KeyboardIcon /> : <MicIcon />}
    </button>
  );
}

/** The "+" that opens (and closes) the sheet of photo and camera. */
export function AttachToggle({ a }: { a: Attach }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={a.sheet ? "btn small chat-icon-btn on" : "btn small chat-icon-btn"}
      aria-label={t("media.attachMore")}
      aria-expanded={a.sheet}
      aria-controls="attach-sheet"
      onClick={a.toggleSheet}
    >
      <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" stroke="currentColor">
        <path d="M12 4v16M4 12h16" strokeWidth="2.6" strokeLinecap="round" />
      </svg>
    </button>
  );
}

/** In place of the text box while the voice button is on. */
export function VoiceSlot({ a }: { a: Attach }) {
  return (
    <Suspense fallback={<div className="voice-recorder" />}>
      {/* voice mode stays on after sending, as in WeChat: the next one is one press away */}
      <VoiceRecorder groupId={a.target.groupId} replyToSeq={a.target.replyToSeq} onDone={a.target.onSent} />
    </Suspense>
  );
}

/** Under the composer: the sheet when open, the hidden file inputs, the photo's preview dialog. */
export function AttachExtras({ a }: { a: Attach }) {
  const { t } = useTranslation();
  const chosen = (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = "";
    if (f) a.setPhoto(f);
  };
  return (
    <>
      {a.sheet && (
        <ul id="attach-sheet" className="plain attach-sheet">
          {[
            { input: a.pick, label: t("media.pickPhoto"), icon: <PhotoIcon /> },
            { input: a.camera, label: t("media.takePhoto"), icon: <CameraIcon /> },
          ].map((x) => (
            <li key={x.label}>
              <button type="button" className="btn attach-tile" onClick={() => x.input.current?.click()}>
                {x.icon}
                {x.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <input ref={a.pick} type="file" accept="image/*" hidden data-testid="photo-input" onChange={chosen} />
      <input ref={a.camera} type="file" accept="image/*" capture="environment" hidden onChange={chosen} />
      {a.photo && (
        <Suspense fallback={null}>
          <PhotoSend
            groupId={a.target.groupId}
            replyToSeq={a.target.replyToSeq}
            file={a.photo}
            onDone={a.done}
            onClose={() => a.setPhoto(null)}
          />
        </Suspense>
      )}
    </>
  );
}

function MicIcon() {
  return (
    <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor">
      <rect x="9" y="3" width="6" height="11" rx="3" strokeWidth="2.2" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

function KeyboardIcon() {
  return (
    <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor">
      <rect x="2.5" y="6" width="19" height="12" rx="2" strokeWidth="2" />
      <path d="M6 10h1M9.5 10h1M13 10h1M16.5 10h1M8 14h8" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function PhotoIcon() {
  return (
    <svg aria-hidden="true" width="36" height="36" viewBox="0 0 24 24" fill="none" stroke="currentColor">
      <rect x="3" y="4.5" width="18" height="15" rx="2" strokeWidth="1.8" />
      <circle cx="8.5" cy="9.5" r="1.6" strokeWidth="1.6" />
      <path d="M4 17l5-5 4 4 3-3 4 4" strokeWidth="1.8" strokeLinejoin="round" />
    </svg>
  );
}

function CameraIcon() {
  return (
    <svg aria-hidden="true" width="36" height="36" viewBox="0 0 24 24" fill="none" stroke="currentColor">
      <path
        d="M3 8.5a2 2 0 0 1 2-2h2.5L9 4.5h6l1.5 2H19a2 2 0 0 1 2 2V18a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <circle cx="12" cy="13" r="3.5" strokeWidth="1.8" />
    </svg>
  );
}
