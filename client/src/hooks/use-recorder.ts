import { MEDIA_LIMITS } from "@carecircle/shared";
import { useEffect, useRef, useState } from "react";

/** Opus in WebM (Android, desktop), else AAC in MP4 (iOS): the two the server accepts. */
const TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4"];
/** Shorter than this is a slip of the finger, not a message. */
const MIN_MS = 700;

export type RecorderProblem = "micDenied" | "micMissing" | "noRecorder" | "tooShort";

/** A finished recording. */
export interface Recording {
  blob: Blob;
  durationMs: number;
}

function recorderType(): string | undefined {
  if (typeof MediaRecorder === "undefined") return undefined;
  return TYPES.find((t) => MediaRecorder.isTypeSupported(t));
}

/**
 * Record from the microphone with MediaRecorder, at most 60 s (it stops itself then and hands the
 * recording over). `stop(true)` delivers the recording to `onRecorded`, `stop(false)` drops it.
 */
export function useRecorder(onRecorded: (r: Recording) => void) {
  const [state, setState] = useState<"idle" | "starting" | "recording">("idle");
  const [elapsed, setElapsed] = useState(0);
  const [problem, setProblem] = useState<RecorderProblem | null>(null);
  const rec = useRef<MediaRecorder | null>(null);
  const keep = useRef(false);
  /** Still wanted once the microphone answers (a quick release during the permission prompt is not). */
  const wanted = useRef(false);
  const started = useRef(0);
  const ticker = useRef<ReturnType<typeof setInterval> | null>(null);
  const deliver = useRef(onRecorded);
  deliver.current = onRecorded;

  const stop = (send: boolean) => {
    keep.current = send;
    wanted.current = false;
    if (ticker.current) clearInterval(ticker.current);
    ticker.current = null;
    if (rec.current && rec.current.state !== "inactive") rec.current.stop();
    else setState("idle");
  };

  async function start(): Promise<void> {
    setProblem(null);
    const type = recorderType();
    if (!type) return setProblem("noRecorder");
    if (!navigator.mediaDevices?.getUserMedia) return setProblem("micMissing");
    setState("starting");
    wanted.current = true;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      setState("idle");
      return setProblem((err as Error).name === "NotAllowedError" ? "micDenied" : "micMissing");
    }
    if (!wanted.current) {
      for (const t of stream.getTracks()) t.stop();
      return setState("idle");
    }
    const r = new MediaRecorder(stream, { mimeType: type });
    const chunks: Blob[] = [];
    r.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    r.onstop = () => {
      for (const t of stream.getTracks()) t.stop();
      rec.current = null;
      setState("idle");
      const durationMs = Math.min(Date.now() - started.current, MEDIA_LIMITS.voiceMaxMs);
      if (!keep.current) return;
      if (durationMs < MIN_MS) return setProblem("tooShort");
      deliver.current({ blob: new Blob(chunks, { type: r.mimeType || type }), durationMs });
    };
    rec.current = r;
    started.current = Date.now();
    setElapsed(0);
    r.start(500);
    setState("recording");
    ticker.current = setInterval(() => {
      const ms = Date.now() - started.current;
      setElapsed(ms);
      if (ms >= MEDIA_LIMITS.voiceMaxMs) stop(true);
    }, 200);
  }

  // leaving the chat mid-recording drops the recording and frees the microphone
  // biome-ignore lint/correctness/useExhaustiveDependencies: on unmount only; stop reads refs
  useEffect(() => () => stop(false), []);

  return { state, elapsed, problem, start, stop };
}
