import zhFirst from "virtual:i18n-first/zh-CN";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@carecircle/shared";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";

const KEY = "cc.locale";
type Strings = Record<string, unknown>;

// The first screen ships only the strings its own components use, of the default language; the
// rest of a language is one chunk that every other page waits for (decisions 103 and 147).
const loaders: Record<Locale, { first(): Promise<Strings>; all(): Promise<Strings> }> = {
  "zh-CN": {
    first: async () => zhFirst,
    all: () => import("./zh-CN.json").then((m) => m.default),
  },
  en: {
    first: () => import("virtual:i18n-first/en").then((m) => m.default),
    all: () => import("./en.json").then((m) => m.default),
  },
};
const loading = new Map<string, Promise<void>>();

/** The locale chosen on this device (before login), or the default. */
export function storedLocale(): Locale {
  const v = typeof localStorage !== "undefined" ? localStorage.getItem(KEY) : null;
  return (LOCALES as readonly string[]).includes(v ?? "") ? (v as Locale) : DEFAULT_LOCALE;
}

function load(locale: Locale, part: "first" | "all"): Promise<void> {
  const key = `${locale}:${part}`;
  let p = loading.get(key);
  if (!p) {
    p = loaders[locale][part]().then((strings) => {
      i18n.addResourceBundle(locale, "translation", strings, true, true);
    });
    loading.set(key, p);
  }
  return p;
}

/** Every string of the current language: lazy pages and the signed-in frame wait for it. */
export function allStrings(): Promise<void> {
  return load((i18n.language as Locale | undefined) ?? storedLocale(), "all");
}

/** Switch the UI language and remember it on this device. */
export async function applyLocale(locale: Locale): Promise<void> {
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
  await load(locale, "all");
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhFirst } },
  lng: storedLocale(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = storedLocale();
loading.set("zh-CN:first", Promise.resolve());

/** Resolves once the stored locale's first-screen strings are loaded (at once for the default). */
export const i18nReady: Promise<void> = load(storedLocale(), "first");

export default i18n;
