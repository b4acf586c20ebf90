import { useTranslation } from "react-i18next";
import { useOnline } from "../pwa/online";
import { useConnectionState } from "../realtime/hooks";

/**
 * Tells the user, politely, when the live connection is down and being restored, or when the app
 * was opened with no network at all (it shows what it kept).
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const online = useOnline();
  const text = state === "reconnecting" ? t("realtime.reconnecting") : online ? null : t("pwa.offline");
  return (
    <div className="conn-slot" role="status" aria-live="polite">
      {text && <p className="conn-banner">{text}</p>}
    </div>
  );
}
