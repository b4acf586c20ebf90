import { useTranslation } from "react-i18next";
import { useConnectionState } from "../realtime/hooks";

/** Tells the user, politely, when the live connection is down and being restored. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const show = state === "reconnecting";
  return (
    <div className="conn-slot" role="status" aria-live="polite">
      {show && <p className="conn-banner">{t("realtime.reconnecting")}</p>}
    </div>
  );
}
