/**
 * The view is a small serialisable state, and the URL is that state (owid-grapher's
 * GrapherUrl): `parseViewState` reads a location, `serialiseViewState` writes one, and a
 * link reproduces what its sender saw. Defaults are left out of the URL; unknown
 * parameters are ignored; older spellings are read through `migrateParams`, so links
 * already shared keep working.
 *
 *   /                              national overview
 *   /province/430000               one province
 *   /compare?compare=430000,210000 small multiples
 *   /entry?province=210000&period=2025Q1    an editor enters a quarter
 *   /review?province=210000&period=2024Q4   a reviewer opens a submitted report (/review: the queue)
 *   /admin/accounts  /admin/plans  /admin/timeline?province=210000   administration
 *   query: period=2023Q4 dim=fund gap=national lang=en
 *   overview: sort=gap status=overdue,deterioration plans=own|national data=1
 */

import { PROGRESS_STATUSES } from '../../../server/domain/status.ts';
import type { Dimension } from '../../../server/domain/types.ts';
import type { StatusCode } from '../../../server/modules/trajectory/schemas.ts';
import { DEFAULT_LANG, type Lang, normaliseLang } from '../i18n/locale.ts';

export const PAGES = ['overview', 'province', 'compare', 'entry', 'review', 'admin'] as const;
export type Page = (typeof PAGES)[number];

/** The admin page's parts: accounts, plan revisions, region timeline corrections. */
export const ADMIN_SECTIONS = ['accounts', 'plans', 'timeline'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const GAP_MODES = ['plan', 'national'] as const;
/** plan: gap to the province's own plan; national: gap to the national minimum (医保发〔2021〕48号) */
export type GapMode = (typeof GAP_MODES)[number];

// Kept here (not imported as a value from server/) so the web bundle never pulls server code.
export const DIMENSION_KEYS = [
  'regions',
  'institutions',
  'diseaseGroups',
  'fund',
] as const satisfies readonly Dimension[];

/** How the overview orders its provinces: code (行政区划 order), gap (furthest behind first), status (worst first), actual (highest first). */
export const OVERVIEW_SORTS = ['code', 'gap', 'status', 'actual'] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
/** all provinces, those with a plan of their own, or those measured against the national plan (参照国家方案) */
export const PLAN_FILTERS = ['all', 'own', 'national'] as const;
export type PlanFilter = (typeof PLAN_FILTERS)[number];

export interface ViewState {
  page: Page;
  /** GB/T 2260 province code: on the province page (in the path), on entry and review (in the query) */
  province: string | null;
  dimension: Dimension;
  /** `2023Q4`; null = the latest period with reports */
  period: string | null;
  /** province codes shown side by side on the compare page, in the reader's order */
  compare: string[];
  gap: GapMode;
  /** overview: order of the provinces, and which are shown (status and gap read on `dimension`) */
  sort: OverviewSort;
  /** overview: only provinces in one of these statuses (empty: every status) */
  statuses: StatusCode[];
  plans: PlanFilter;
  /** overview: only provinces with reported figures */
  withData: boolean;
  lang: Lang;
  /** on the admin page (in the path) */
  section: AdminSection;
}

export const DEFAULT_VIEW: ViewState = {
  page: 'overview',
  province: null,
  dimension: 'regions',
  period: null,
  compare: [],
  gap: 'plan',
  sort: 'code',
  statuses: [],
  plans: 'all',
  withData: false,
  lang: DEFAULT_LANG,
  section: 'accounts',
};

const PROVINCE_CODE = /^\d{6}$/;
const PERIOD = /^(\d{4})Q([1-4])$/;

export interface LocationLike {
  pathname: string;
  search: string;
}

/**
 * Reads a location. `fallbackLang` is the reader's saved choice, used when the URL names
 * no language. Never throws: whatever cannot be read takes its default.
 */
export function parseViewState(
  location: LocationLike,
  fallbackLang: Lang = DEFAULT_LANG,
): ViewState {
  const params = migrateParams(new URLSearchParams(location.search));
  const segments = location.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s).toLowerCase());

  let page: Page = 'overview';
  let province: string | null = null;
  const [first, second] = segments;
  if (first === 'province' || first === 'provinces') {
    page = 'province';
    province = second && PROVINCE_CODE.test(second) ? second : null;
  } else if (first === 'compare') page = 'compare';
  else if (first === 'entry') page = 'entry';
  else if (first === 'review') page = 'review';
  else if (first === 'admin') page = 'admin';
  else if (first === undefined || first === 'overview' || first === 'index.html') page = 'overview';

  // old query-style links: ?page=province&province=430000
  const pageParam = params.get('page');
  if (segments.length === 0 && pageParam && (PAGES as readonly string[]).includes(pageParam))
    page = pageParam as Page;
  const provinceParam = params.get('province');
  if (
    (page === 'province' || page === 'entry' || page === 'review' || page === 'admin') &&
    !province &&
    provinceParam &&
    PROVINCE_CODE.test(provinceParam)
  )
    province = provinceParam;
  if (page === 'overview' || page === 'compare') province = null;

  return {
    page,
    province,
    dimension: parseDimension(params.get('dim')),
    period: parsePeriodParam(params.get('period')),
    compare: parseCompare(params.getAll('compare')),
    gap: params.get('gap') === 'national' ? 'national' : 'plan',
    sort: oneOf(OVERVIEW_SORTS, params.get('sort'), DEFAULT_VIEW.sort),
    statuses: parseStatuses(params.getAll('status')),
    plans: oneOf(PLAN_FILTERS, params.get('plans'), DEFAULT_VIEW.plans),
    withData: params.get('data') === '1',
    lang: normaliseLang(params.get('lang')) ?? fallbackLang,
    section:
      page === 'admin'
        ? (ADMIN_SECTIONS.find((x) => x === second) ?? DEFAULT_VIEW.section)
        : DEFAULT_VIEW.section,
  };
}

/** Writes the state as `path?query`, leaving defaults out; the inverse of `parseViewState`. */
export function serialiseViewState(state: ViewState): string {
  let path = '/';
  if (state.page === 'province')
    path = state.province ? `/province/${state.province}` : '/province';
  else if (state.page === 'compare') path = '/compare';
  else if (state.page === 'entry') path = '/entry';
  else if (state.page === 'review') path = '/review';
  else if (state.page === 'admin') path = `/admin/${state.section}`;

  const q = new URLSearchParams();
  if (
    (state.page === 'entry' || state.page === 'review' || state.page === 'admin') &&
    state.province
  )
    q.set('province', state.province);
  if (state.period) q.set('period', state.period);
  if (state.dimension !== DEFAULT_VIEW.dimension) q.set('dim', state.dimension);
  if (state.gap !== DEFAULT_VIEW.gap) q.set('gap', state.gap);
  if (state.compare.length > 0) q.set('compare', state.compare.join(','));
  if (state.page === 'overview') {
    if (state.sort !== DEFAULT_VIEW.sort) q.set('sort', state.sort);
    if (state.statuses.length > 0) q.set('status', state.statuses.join(','));
    if (state.plans !== DEFAULT_VIEW.plans) q.set('plans', state.plans);
    if (state.withData) q.set('data', '1');
  }
  if (state.lang !== DEFAULT_LANG) q.set('lang', state.lang);
  // URLSearchParams escapes the commas; they are safe in a query and easier to read bare.
  const query = q.toString().replaceAll('%2C', ',');
  return query ? `${path}?${query}` : path;
}

/** Older or looser spellings → the current names (kept so shared links do not break). */
export function migrateParams(input: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(input);
  const rename: [string, string][] = [
    ['dimension', 'dim'],
    ['gapMode', 'gap'],
    ['gap_mode', 'gap'],
    ['provinces', 'compare'],
    ['locale', 'lang'],
    ['quarter', 'period'],
  ];
  for (const [old, current] of rename) {
    if (params.has(old) && !params.has(current))
      for (const v of params.getAll(old)) params.append(current, v);
    params.delete(old);
  }
  if (params.get('gap') === 'nat') params.set('gap', 'national');
  return params;
}

function parseDimension(value: string | null): Dimension {
  if (!value) return DEFAULT_VIEW.dimension;
  const aliases: Record<string, Dimension> = {
    region: 'regions',
    institution: 'institutions',
    diseasegroups: 'diseaseGroups',
    disease: 'diseaseGroups',
    diseases: 'diseaseGroups',
  };
  const exact = DIMENSION_KEYS.find((d) => d === value);
  return exact ?? aliases[value.toLowerCase()] ?? DEFAULT_VIEW.dimension;
}

function parsePeriodParam(value: string | null): string | null {
  if (!value) return null;
  const v = value.trim().toUpperCase().replace('-', '');
  return PERIOD.test(v) ? v : null;
}

/** `compare=430000,210000` or repeated `compare=`; invalid codes dropped, duplicates kept once. */
function parseCompare(values: string[]): string[] {
  const codes = values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => PROVINCE_CODE.test(s));
  return [...new Set(codes)];
}

function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return list.find((x) => x === value) ?? fallback;
}

/** `status=overdue,deterioration`: unknown codes dropped, each kept once, in the list's order. */
function parseStatuses(values: string[]): StatusCode[] {
  const named = new Set(values.flatMap((v) => v.split(',')).map((s) => s.trim()));
  return PROGRESS_STATUSES.filter((s) => named.has(s));
}
