import { useTranslation } from "react-i18next";
import { useOnline } from "../pwa/online";
import { useConnectionState } from "../realtime/hooks";

/**
 * Tells the user, politely, when the device has no network (the app shows what it kept and sends
 * queued messages later) or the live connection is down and being restored.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const online = useOnline();
  const text = !online ? t("pwa.offline") : state === "reconnecting" ? t("realtime.reconnecting") : null;
  return (
    <div className="conn-slot" role="status" aria-live="polite">
      {text && <p className="conn-banner">{text}</p>}
    </div>
  );
}
