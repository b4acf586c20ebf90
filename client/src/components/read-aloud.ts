/**
 * Read-aloud with the device's own speech synthesis: nothing leaves the device (decision 115).
 * Every function is a no-op where the browser has no speech synthesis.
 */

/** True where the browser can speak; the "read aloud" action is hidden otherwise. */
export function canReadAloud(): boolean {
  return typeof window !== "undefined" && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
}

/** Speak `text` in the UI language (zh-CN, or English), stopping whatever was being read. */
export function readAloud(text: string, uiLanguage: string, opts: { queue?: boolean } = {}): void {
  if (!canReadAloud()) return;
  const lang = uiLanguage === "en" ? "en-US" : "zh-CN";
  const u = new SpeechSynthesisUtterance(text);
  u.lang = lang;
  const voice = window.speechSynthesis
    .getVoices()
    .find((v) => v.lang.replace("_", "-").startsWith(lang.slice(0, 2)));
  if (voice) u.voice = voice;
  // slightly slower than the default: many listeners are older
  u.rate = 0.9;
  if (!opts.queue) window.speechSynthesis.cancel();
  window.speechSynthesis.speak(u);
}

/** Stop reading. */
export function stopReading(): void {
  if (canReadAloud()) window.speechSynthesis.cancel();
}
