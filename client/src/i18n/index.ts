import { DEFAULT_LOCALE, LOCALES, type Locale } from "@carecircle/shared";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import zhCN from "./zh-CN.json";

const KEY = "cc.locale";

// The default language ships in the first screen's bundle; the other one is its own chunk,
// fetched only by those who choose it (decision 103).
const loaders: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  "zh-CN": async () => ({ default: zhCN }),
  en: () => import("./en.json"),
};

/** The locale chosen on this device (before login), or the default. */
export function storedLocale(): Locale {
  const v = typeof localStorage !== "undefined" ? localStorage.getItem(KEY) : null;
  return (LOCALES as readonly string[]).includes(v ?? "") ? (v as Locale) : DEFAULT_LOCALE;
}

async function loadLocale(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, "translation")) return;
  const { default: strings } = await loaders[locale]();
  i18n.addResourceBundle(locale, "translation", strings);
}

/** Switch the UI language and remember it on this device. */
export async function applyLocale(locale: Locale): Promise<void> {
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
  await loadLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN } },
  lng: storedLocale(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = storedLocale();

/** Resolves once the stored locale's strings are loaded (at once for the default locale). */
export const i18nReady: Promise<void> = loadLocale(storedLocale());

export default i18n;
