/** The languages the dashboard speaks, and how loose spellings of them map on. */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

/** Where the reader's choice is kept between visits. */
export const LANG_STORAGE_KEY = 'drgdip.lang';

/** 'en', 'en-US', 'EN' → 'en'; 'zh', 'zh-Hans', 'zh_CN' → 'zh-CN'; anything else → null. */
export function normaliseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v.startsWith('zh-') || v === 'cn') return 'zh-CN';
  return null;
}
