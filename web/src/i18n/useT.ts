/** The translate function narrowed to plain string keys, and the current language, for components. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './locale.ts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A key without options always gives the same text in one language (the messages are bundled,
 * never loaded later), and i18next takes tens of microseconds to look one up: the overview's
 * grid asks for the same labels hundreds of times per redraw. Kept per language.
 */
const plain = new Map<string, Map<string, string>>();

function textsOf(lang: string): Map<string, string> {
  let texts = plain.get(lang);
  if (!texts) {
    texts = new Map();
    plain.set(lang, texts);
  }
  return texts;
}

export function useT(): { t: Translate; lang: Lang } {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // react-i18next gives a new `t` when the language changes, so effects that use it re-run then
  const translate: Translate = useCallback(
    (key, options) => {
      if (options) return String(t(key, options));
      const texts = textsOf(language);
      let text = texts.get(key);
      if (text === undefined) {
        text = String(t(key, {}));
        texts.set(key, text);
      }
      return text;
    },
    [t, language],
  );
  return { t: translate, lang: (language === 'en' ? 'en' : 'zh-CN') as Lang };
}
