/** i18next set up once, Chinese first; the language follows the URL (`?lang=`) or the saved choice. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.ts';
import { DEFAULT_LANG, LANG_STORAGE_KEY, type Lang } from './locale.ts';
import zhCN from './zh-CN.ts';

export function initI18n(lang: Lang = DEFAULT_LANG) {
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  setDocumentLang(lang);
  return i18next;
}

export function applyLang(lang: Lang) {
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
  setDocumentLang(lang);
}

/** Keeps the reader's language for the next visit (a URL without `lang` then opens in it). */
export function rememberLang(lang: Lang) {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // private mode or storage disabled: the URL still carries the choice
  }
}

export function storedLang(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

function setDocumentLang(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
