/** The translate function narrowed to plain string keys, and the current language, for components. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './locale.ts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function useT(): { t: Translate; lang: Lang } {
  const { t, i18n } = useTranslation();
  // react-i18next gives a new `t` when the language changes, so effects that use it re-run then
  const translate: Translate = useCallback((key, options) => String(t(key, options ?? {})), [t]);
  return { t: translate, lang: (i18n.language === 'en' ? 'en' : 'zh-CN') as Lang };
}
