/** A real i18next instance for tests of pure functions that take a translate function. */
import i18next from 'i18next';
import en from './en.ts';
import type { Lang } from './locale.ts';
import type { Translate } from './useT.ts';
import zhCN from './zh-CN.ts';

export async function translatorFor(lang: Lang): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: lang,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return (key, options) => String(instance.t(key, options ?? {}));
}
