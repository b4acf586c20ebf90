import type { MediaRefusal } from "@carecircle/shared";
import { AppError } from "../../errors.js";

const MESSAGES: Record<MediaRefusal, string> = {
  not_media: "This file is not a photo or a voice recording we can read",
  svg: "SVG drawings cannot be sent; please send a photo",
  animated: "Animated pictures cannot be sent; please send a still photo",
  too_many_pixels: "This picture is too large to open",
  too_long: "Voice messages can be at most 60 seconds long",
  empty_audio: "This recording is empty",
  unsupported_audio: "Voice messages must be recorded by the app (Opus in WebM or AAC in MP4)",
  too_big: "This file is too large",
};

/** The error for a refused upload: 415 UNSUPPORTED_MEDIA (413 for size) with `details.reason`. */
export function mediaRefusal(reason: MediaRefusal, details: Record<string, unknown> = {}): AppError {
  const code = reason === "too_big" ? "PAYLOAD_TOO_LARGE" : "UNSUPPORTED_MEDIA";
  return new AppError(code, MESSAGES[reason], { reason, ...details });
}
