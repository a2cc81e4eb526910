import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewState, serialiseViewState, type ViewState } from './viewState.ts';

const at = (url: string) => {
  const u = new URL(url, 'http://x');
  return { pathname: u.pathname, search: u.search };
};

describe('URL ⇄ view state', () => {
  it('the bare address is the national overview with every default', () => {
    expect(parseViewState(at('/'))).toEqual(DEFAULT_VIEW);
    expect(serialiseViewState(DEFAULT_VIEW)).toBe('/');
  });

  const views: ViewState[] = [
    { ...DEFAULT_VIEW, period: '2023Q4', gap: 'national', dimension: 'fund' },
    { ...DEFAULT_VIEW, page: 'province', province: '430000', period: '2024Q2', lang: 'en' },
    {
      ...DEFAULT_VIEW,
      page: 'compare',
      compare: ['430000', '210000', '350000'],
      dimension: 'diseaseGroups',
    },
    { ...DEFAULT_VIEW, page: 'entry' },
    { ...DEFAULT_VIEW, page: 'entry', province: '210000', period: '2025Q1' },
    { ...DEFAULT_VIEW, page: 'review' },
    { ...DEFAULT_VIEW, page: 'review', province: '430000', period: '2024Q4', lang: 'en' },
    { ...DEFAULT_VIEW, page: 'admin' },
    { ...DEFAULT_VIEW, page: 'admin', section: 'plans', lang: 'en' },
    { ...DEFAULT_VIEW, page: 'admin', section: 'timeline', province: '210000' },
    { ...DEFAULT_VIEW, page: 'province', province: null },
    {
      ...DEFAULT_VIEW,
      period: '2024Q4',
      dimension: 'institutions',
      sort: 'gap',
      statuses: ['accelerationNeeded', 'overdue'],
      plans: 'national',
      withData: true,
    },
    { ...DEFAULT_VIEW, sort: 'status', plans: 'own' },
  ];
  it.each(views.map((v) => [serialiseViewState(v), v] as const))(
    'a link reproduces the view: %s',
    (url, view) => {
      expect(parseViewState(at(url))).toEqual(view);
      expect(serialiseViewState(parseViewState(at(url)))).toBe(url);
    },
  );

  it("keeps the overview's sort and filters in its URL, reading only known statuses", () => {
    const view = parseViewState(
      at('/?sort=gap&status=overdue,bogus,deterioration&plans=own&data=1'),
    );
    expect(view).toMatchObject({
      sort: 'gap',
      statuses: ['deterioration', 'overdue'],
      plans: 'own',
      withData: true,
    });
    expect(serialiseViewState(view)).toBe(
      '/?sort=gap&status=deterioration,overdue&plans=own&data=1',
    );
    expect(parseViewState(at('/?sort=nonsense&plans=x'))).toMatchObject({
      sort: 'code',
      plans: 'all',
    });
    // a province page carries no overview filters in its link
    expect(serialiseViewState({ ...view, page: 'province', province: '440000' })).toBe(
      '/province/440000',
    );
  });

  it('writes readable URLs, defaults left out', () => {
    expect(
      serialiseViewState({
        ...DEFAULT_VIEW,
        page: 'compare',
        compare: ['430000', '210000'],
        lang: 'en',
      }),
    ).toBe('/compare?compare=430000,210000&lang=en');
    expect(
      serialiseViewState({
        ...DEFAULT_VIEW,
        page: 'province',
        province: '210000',
        gap: 'plan',
        lang: 'zh-CN',
      }),
    ).toBe('/province/210000');
  });

  it('names the quarter being entered or reviewed in the query', () => {
    expect(
      serialiseViewState({ ...DEFAULT_VIEW, page: 'entry', province: '210000', period: '2025Q1' }),
    ).toBe('/entry?province=210000&period=2025Q1');
    expect(parseViewState(at('/review?province=210000&period=2024q4'))).toMatchObject({
      page: 'review',
      province: '210000',
      period: '2024Q4',
    });
    expect(parseViewState(at('/compare?province=210000')).province).toBeNull();
  });

  it('tolerates unknown parameters and bad values by falling back to defaults', () => {
    const s = parseViewState(
      at('/?utm_source=x&period=2023Q9&dim=nonsense&gap=weird&lang=fr&compare=abc,430000,430000'),
    );
    expect(s).toEqual({ ...DEFAULT_VIEW, compare: ['430000'] });
    expect(parseViewState(at('/no/such/page')).page).toBe('overview');
    expect(parseViewState(at('/province/43')).province).toBeNull();
  });

  it('keeps old links working: query-style pages and older parameter names', () => {
    expect(
      parseViewState(
        at('/?page=province&province=430000&dimension=fund&gapMode=national&provinces=210000'),
      ),
    ).toEqual({
      ...DEFAULT_VIEW,
      page: 'province',
      province: '430000',
      dimension: 'fund',
      gap: 'national',
      compare: ['210000'],
    });
    expect(parseViewState(at('/provinces/210000?quarter=2023q4&locale=en-US'))).toMatchObject({
      page: 'province',
      province: '210000',
      period: '2023Q4',
      lang: 'en',
    });
    expect(parseViewState(at('/compare?compare=430000&compare=210000')).compare).toEqual([
      '430000',
      '210000',
    ]);
  });

  it('the language comes from the URL first, then the saved choice, then Chinese', () => {
    expect(parseViewState(at('/?lang=en'), 'zh-CN').lang).toBe('en');
    expect(parseViewState(at('/?lang=zh'), 'en').lang).toBe('zh-CN');
    expect(parseViewState(at('/'), 'en').lang).toBe('en');
    expect(parseViewState(at('/')).lang).toBe('zh-CN');
  });
});
