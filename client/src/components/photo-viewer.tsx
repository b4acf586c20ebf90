import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A photo full screen (a lazily loaded chunk): a native modal dialog, so Escape closes it and
 * focus stays inside. Pinch zoom is the browser's own inside the scrolling box
 * (`touch-action: pinch-zoom`); a tap or the button switches to twice the size for people who
 * cannot pinch.
 */
export default function PhotoViewer({
  url,
  alt,
  onExpired,
  onClose,
}: {
  url: string;
  alt: string;
  onExpired(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [zoom, setZoom] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="photo-viewer" aria-label={t("media.photo")} onClose={onClose}>
      <div className="photo-viewer-bar">
        <button type="button" className="btn small" aria-pressed={zoom} onClick={() => setZoom((z) => !z)}>
          {zoom ? t("media.zoomOut") : t("media.zoomIn")}
        </button>
        <button type="button" className="btn small" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
      <div className="photo-viewer-box">
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the zoom button above does the same by keyboard */}
        <img
          src={url}
          alt={alt}
          className={zoom ? "zoomed" : undefined}
          onError={onExpired}
          onClick={() => setZoom((z) => !z)}
        />
      </div>
    </dialog>
  );
}
