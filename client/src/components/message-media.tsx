import type { Media, Message } from "@carecircle/shared";
import type { TFunction } from "i18next";
import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/call";
import { ROUTES } from "../api/routes.gen";
import { chatStore } from "../realtime/chat-store";

const PhotoViewer = lazy(() => import("./photo-viewer"));

/** 0:07, 1:00 */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The signed URLs run out (15 min): fetch the message again rather than show a broken file. */
function useFreshMedia(m: Message) {
  const asked = useRef(0);
  return () => {
    // once per copy of the message: a fresh copy has a later expiry
    const exp = Date.parse(m.media?.expiresAt ?? "");
    if (asked.current === exp) return;
    asked.current = exp;
    void chatStore.refresh(m.groupId, m.seq).catch(() => undefined);
  };
}

const expired = (media: Media) => Date.parse(media.expiresAt) - 5_000 < Date.now();

/** A photo or voice message inside its bubble, above the caption. */
export function MessageMedia({ m, mine }: { m: Message; mine: boolean }) {
  if (!m.media || m.deletedAt) return null;
  return m.media.kind === "photo" ? (
    <PhotoThumb m={m} media={m.media} />
  ) : (
    <VoiceBubble m={m} media={m.media} mine={mine} />
  );
}

/** The thumbnail, its box reserved from the photo's size; a tap opens it full screen. */
function PhotoThumb({ m, media }: { m: Message; media: Media }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const refresh = useFreshMedia(m);
  const w = media.width ?? 320;
  const h = media.height ?? 240;
  const scale = Math.min(1, 220 / Math.max(w, h));
  return (
    <>
      <button
        type="button"
        className="photo-thumb"
        onClick={() => setOpen(true)}
        aria-label={t("media.openPhoto")}
      >
        <img
          src={media.thumbUrl ?? media.url}
          width={Math.round(w * scale)}
          height={Math.round(h * scale)}
          alt={m.body ?? t("media.photo")}
          loading="lazy"
          onError={refresh}
        />
      </button>
      {open && (
        <Suspense fallback={null}>
          <PhotoViewer
            url={media.url}
            alt={m.body ?? t("media.photo")}
            onExpired={refresh}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}

/** Play/pause, progress, length, 1x/1.5x, and a dot until the listener has played it. */
function VoiceBubble({ m, media, mine }: { m: Message; media: Media; mine: boolean }) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [at, setAt] = useState(0);
  const [fast, setFast] = useState(false);
  const refresh = useFreshMedia(m);
  const length = media.durationMs ?? 0;
  const unplayed = !mine && media.played === false;

  function toggle() {
    const a = audio.current;
    if (!a) return;
    if (!a.paused) return a.pause();
    if (expired(media)) return refresh();
    a.playbackRate = fast ? 1.5 : 1;
    void a.play().catch(() => undefined);
    if (!mine && !media.played)
      void call(ROUTES.markPlayed, { params: { id: m.id } })
        .then((r) => chatStore.apply(r.message))
        .catch(() => undefined);
  }

  return (
    <div className="voice" data-testid="voice">
      {/* biome-ignore lint/a11y/useMediaCaption: a voice message has no transcript to caption it with */}
      <audio
        ref={audio}
        src={media.url}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setAt(0)}
        onTimeUpdate={(e) => setAt(e.currentTarget.currentTime * 1000)}
        onError={refresh}
      />
      <button type="button" className="btn small voice-play" aria-pressed={playing} onClick={toggle}>
        {playing ? t("media.pause") : t("media.play")}
        <span className="sr-only">{t("media.voiceOf", { length: clock(length) })}</span>
      </button>
      <progress className="voice-progress" max={length || 1} value={at} aria-label={t("media.progress")} />
      <span className="voice-time small">{clock(playing || at ? at : length)}</span>
      <button
        type="button"
        className="btn small voice-speed"
        aria-pressed={fast}
        onClick={() => {
          setFast((f) => !f);
          if (audio.current) audio.current.playbackRate = fast ? 1 : 1.5;
        }}
      >
        <span className="sr-only">{t("media.speed")} </span>
        {fast ? "1.5x" : "1x"}
      </button>
      {unplayed && <span className="unplayed-dot" role="img" aria-label={t("media.unplayed")} />}
    </div>
  );
}

/** A short text for a media message where only text fits (quotes, report cards, the reply bar). */
export function mediaLabel(
  media: { kind: "photo" | "voice"; durationMs?: number | null | undefined },
  t: TFunction,
) {
  return media.kind === "photo"
    ? t("media.photo")
    : t("media.voiceOf", { length: clock(media.durationMs ?? 0) });
}
