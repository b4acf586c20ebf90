import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { storedCareMode, useCareMode } from "../hooks/use-care-mode";
import { usePwaBridge } from "../pwa/use-pwa-bridge";
import { LanguageSwitch } from "./language-switch";
import { Toasts } from "./toasts";

/** Frame for the signed-out pages (login, register). */
export function PublicLayout() {
  const { t } = useTranslation();
  usePwaBridge();
  useCareMode(storedCareMode());
  return (
    <div className="app public">
      <header className="app-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitch compact />
      </header>
      <main id="main" className="app-main narrow">
        <Outlet />
      </main>
      <Toasts />
    </div>
  );
}
