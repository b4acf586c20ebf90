import type { Media } from "@carecircle/shared";
import type { MediaRef } from "./media.repo.js";
import { type LinkScope, linkExpiry, signedMediaPath } from "./media-links.js";

/**
 * A file as its reader sees it, with signed URLs for `scope` (moderators get links that still
 * open a hidden message's file). Null when its bytes are gone. `played` only when known for
 * this reader.
 */
export function presentMedia(
  ref: MediaRef,
  scope: LinkScope,
  opts: { played?: boolean | undefined; now?: number } = {},
): Media | null {
  if (ref.removed) return null;
  const exp = linkExpiry(opts.now);
  const media: Media = {
    id: ref.id,
    kind: ref.kind,
    mime: ref.mime,
    url: signedMediaPath(ref.urlKey, ref.id, "full", exp, scope),
    thumbUrl: ref.hasThumb ? signedMediaPath(ref.urlKey, ref.id, "thumb", exp, scope) : null,
    width: ref.width,
    height: ref.height,
    durationMs: ref.durationMs,
    size: ref.size,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
  if (ref.kind === "voice" && opts.played !== undefined) media.played = opts.played;
  return media;
}
