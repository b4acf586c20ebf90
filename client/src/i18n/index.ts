import { DEFAULT_LOCALE, LOCALES, type Locale } from "@carecircle/shared";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhCN from "./zh-CN.json";

const KEY = "cc.locale";

/** The locale chosen on this device (before login), or the default. */
export function storedLocale(): Locale {
  const v = typeof localStorage !== "undefined" ? localStorage.getItem(KEY) : null;
  return (LOCALES as readonly string[]).includes(v ?? "") ? (v as Locale) : DEFAULT_LOCALE;
}

/** Switch the UI language and remember it on this device. */
export async function applyLocale(locale: Locale): Promise<void> {
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = storedLocale();

export default i18n;
