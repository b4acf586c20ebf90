import { LOCALES, type Locale } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useAuth } from "../hooks/use-auth";

const NAMES: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

/** Language buttons, each named in its own language so anyone can find theirs. */
export function LanguageSwitch({ compact }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useAuth();
  return (
    <fieldset className={compact ? "lang compact" : "lang"}>
      <legend className={compact ? "sr-only" : undefined}>{t("settings.language")}</legend>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={i18n.language === l ? "btn lang-btn active" : "btn lang-btn"}
          aria-pressed={i18n.language === l}
          onClick={() => void setLocale(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </fieldset>
  );
}
