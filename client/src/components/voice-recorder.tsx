import { MEDIA_LIMITS } from "@carecircle/shared";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Recording, useRecorder } from "../hooks/use-recorder";
import { chatStore } from "../realtime/chat-store";
import { clock } from "./message-media";

/** A finger moved this far up while holding cancels the recording. */
const CANCEL_SLIDE_PX = 60;

/**
 * Record a voice message (a lazily loaded chunk). Two ways: hold the button and speak (release
 * sends, slide up cancels), or tap "tap to record" and then "send" or "cancel", for people who
 * cannot hold. A visible timer; it stops and sends by itself at 60 s. It sits in place of the
 * composer's text box (the voice button beside it switches back).
 */
export default function VoiceRecorder({
  groupId,
  replyToSeq,
  onDone,
}: {
  groupId: string;
  replyToSeq?: number | undefined;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const send = (r: Recording) => {
    void chatStore.send(groupId, "", replyToSeq, {
      blob: r.blob,
      media: { kind: "voice", durationMs: r.durationMs },
    });
    onDone();
  };
  const rec = useRecorder(send);
  const [mode, setMode] = useState<"hold" | "tap" | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const startY = useRef(0);
  const busy = rec.state !== "idle";

  const holdHandlers = {
    onPointerDown: (e: React.PointerEvent<HTMLButtonElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      startY.current = e.clientY;
      setCancelling(false);
      setMode("hold");
      void rec.start();
    },
    onPointerMove: (e: React.PointerEvent) => {
      if (mode === "hold" && busy) setCancelling(startY.current - e.clientY > CANCEL_SLIDE_PX);
    },
    onPointerUp: () => {
      if (mode === "hold") rec.stop(!cancelling);
      setCancelling(false);
    },
    onPointerCancel: () => rec.stop(false),
    onContextMenu: (e: React.MouseEvent) => e.preventDefault(),
  };

  return (
    <section className="voice-recorder" aria-label={t("media.voice")}>
      {busy && (
        // floats over the log's foot (as WeChat's does): the button under the finger does not move
        <div className={cancelling ? "voice-status cancelling" : "voice-status"}>
          <p className="voice-timer" role="status">
            <span className="rec-dot" aria-hidden="true" />
            {t("media.recording")} <span role="timer">{clock(rec.elapsed)}</span> /{" "}
            {clock(MEDIA_LIMITS.voiceMaxMs)}
          </p>
          {mode === "hold" && (
            <p className="small">{cancelling ? t("media.releaseToCancel") : t("media.slideToCancel")}</p>
          )}
        </div>
      )}
      {rec.problem && (
        <p className="field-error" role="alert">
          {t(`media.problem.${rec.problem}`)}
        </p>
      )}
      <div className="voice-controls">
        {busy && mode === "tap" ? (
          <>
            <button type="button" className="btn primary" onClick={() => rec.stop(true)}>
              {t("media.sendVoice")}
            </button>
            <button type="button" className="btn" onClick={() => rec.stop(false)}>
              {t("media.cancel")}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="btn primary hold-talk"
              disabled={busy && mode !== "hold"}
              {...holdHandlers}
            >
              {busy ? t("media.releaseToSend") : t("media.holdToTalk")}
            </button>
            <button
              type="button"
              className="btn small link tap-record"
              // hidden, not removed, while held: the hold button above must not move under the finger
              style={busy ? { visibility: "hidden" } : undefined}
              onClick={() => {
                setMode("tap");
                void rec.start();
              }}
            >
              {t("media.tapToRecord")}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
