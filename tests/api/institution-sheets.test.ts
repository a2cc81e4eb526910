/**
 * A bureau sends its quarter institution by institution (JSON or a CSV/XLSX sheet), reads back
 * what it sent, and sees its regions' rows of the report become the roll-up — with the same
 * checks, the same row limit and the same permissions as saving the report itself.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardErrors } from '../../server/domain/report-rules.ts';
import { MAX_INSTITUTION_ROWS } from '../../server/modules/institutions/columns.ts';
import type { InstitutionRow } from '../../server/modules/institutions/schemas.ts';
import { expandTrajectory } from '../../server/modules/trajectory/compact.ts';
import { multipartFile } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

const LN = '210000';
const JL = '220000';
let ctx: TestContext;
let editor: Agent;
let regions: string[];

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', LN);
  regions = (await validRows(ctx, LN)).map((r) => r.regionCode);
});
afterAll(async () => ctx?.close());

const url = (period: string, rest = '') => `/api/provinces/${LN}/reports/${period}${rest}`;

/** Saves the quarter's region rows (stage, method) and answers the report's version. */
async function regionRows(period: string): Promise<number> {
  const res = await ctx.app.inject({
    method: 'PUT',
    url: url(period),
    headers: editor.headers(),
    payload: { rows: await validRows(ctx, LN) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().version;
}

/** `n` institutions in each of the first two regions; every third one paid by DRG. */
function sheet(n: number, prefix = 'T'): InstitutionRow[] {
  return regions.slice(0, 2).flatMap((regionCode, r) =>
    Array.from({ length: n }, (_, i) => ({
      institutionCode: `${prefix}${r}${String(i).padStart(5, '0')}`,
      name: `测试医院${r}-${i}`,
      regionCode,
      secondaryPublic: i % 4 === 0,
      eligible: i % 3 === 0 || i % 10 !== 7, // a few not eligible, none of them paid
      paid: i % 3 === 0,
      method: i % 3 === 0 ? ('DRG' as const) : null,
      inpatientCases: 1000 + i,
      groupedCases: 900 + i,
      inpatientFund: (500 + i * 0.25).toFixed(2),
      drgDipFund: i % 3 === 0 ? '300.50' : '0',
    })),
  );
}

const put = (period: string, rows: unknown[], version: number | null, agent = editor) =>
  ctx.app.inject({
    method: 'PUT',
    url: url(period, '/institutions'),
    headers: agent.headers(version === null ? {} : { 'if-match': `"${version}"` }),
    payload: { rows },
  });

const csvOf = (rows: InstitutionRow[]) =>
  Buffer.from(
    `\uFEFF${Papa.unparse([
      [
        '机构编码',
        '机构名称',
        '统筹地区编码',
        '是否二级及以上公立医院',
        '是否符合条件',
        '是否DRG/DIP付费',
        '付费方式',
        '住院病例数',
        '入组病例数',
        '住院基金支出(万元)',
        'DRG/DIP付费基金支出(万元)',
      ],
      ...rows.map((r) => [
        r.institutionCode,
        r.name,
        r.regionCode,
        r.secondaryPublic ? '是' : '否',
        r.eligible ? '是' : '否',
        r.paid ? '是' : '否',
        r.method ?? '',
        r.inpatientCases,
        r.groupedCases,
        r.inpatientFund,
        r.drgDipFund,
      ]),
    ])}`,
  );

const upload = (period: string, file: Buffer, version: number | null, name = 'jg.csv') => {
  const { payload, headers } = multipartFile(name, file);
  return ctx.app.inject({
    method: 'POST',
    url: url(period, '/institutions/import'),
    headers: editor.headers({
      ...headers,
      ...(version === null ? {} : { 'if-match': `"${version}"` }),
    }),
    payload,
  });
};

const reportRow = async (period: string, regionCode: string) => {
  const res = await ctx.app.inject({ method: 'GET', url: url(period), headers: editor.headers() });
  return res.json().rows.find((r: { regionCode: string }) => r.regionCode === regionCode);
};

describe('saving institutions rolls them up into the report', () => {
  it("the region's row of the report is its institutions' sums; the sheet reads back page by page", async () => {
    const version = await regionRows('2023Q2');
    const rows = sheet(30);
    const res = await put('2023Q2', rows, version);
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved).toMatchObject({
      version: version + 1,
      status: 'draft',
      institutions: 60,
      createdInstitutions: 60,
    });
    expect(res.headers.etag).toBe(`"${version + 1}"`);

    const mine = rows.filter((r) => r.regionCode === regions[0]);
    const row = await reportRow('2023Q2', regions[0]!);
    expect(row).toMatchObject({
      eligibleInstitutions: mine.filter((r) => r.eligible).length,
      coveredInstitutions: mine.filter((r) => r.eligible && r.paid).length,
      inpatientCases: mine.reduce((s, r) => s + r.inpatientCases, 0),
      groupedCases: mine.reduce((s, r) => s + r.groupedCases, 0),
      paidInstitutionCases: mine.filter((r) => r.paid).reduce((s, r) => s + r.inpatientCases, 0),
      subsetEligibleInstitutions: mine.filter((r) => r.secondaryPublic && r.eligible).length,
      stage: 'actual',
      institutions: 30,
    });
    const cents = mine.reduce((s, r) => s + Math.round(Number(r.inpatientFund) * 100), 0);
    expect(row.inpatientFund).toBe((cents / 100).toFixed(2));
    // the rolled-up rows obey the report's own rules, as a save of them would check
    const report = (
      await ctx.app.inject({ method: 'GET', url: url('2023Q2'), headers: editor.headers() })
    ).json();
    const ruleContext = { provinceRegions: new Set(regions), knownRegions: new Map() };
    expect(hardErrors(report.rows, ruleContext)).toEqual([]);
    // a region without institution detail keeps what it was saved with
    expect((await reportRow('2023Q2', regions[2]!)).eligibleInstitutions).toBe(102);
    expect((await reportRow('2023Q2', regions[2]!)).institutions).toBeUndefined();

    const page = await ctx.app.inject({
      method: 'GET',
      url: url('2023Q2', '/institutions?offset=25&limit=10'),
      headers: editor.headers(),
    });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 60, offset: 25, limit: 10, version: version + 1 });
    expect(page.json().rows.map((r: { institutionCode: string }) => r.institutionCode)).toEqual(
      rows.slice(25, 35).map((r) => r.institutionCode),
    );
  });

  it('a draft is its bureau’s own: another province and the public do not read its institutions', async () => {
    const other = await signIn(ctx, 'editor', JL);
    for (const headers of [other.headers(), {}]) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: url('2023Q2', '/institutions'),
        headers,
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('the CSV export is the sheet as sent, and imports again unchanged', async () => {
    const csv = await ctx.app.inject({
      method: 'GET',
      url: url('2023Q2', '/institutions?format=csv'),
      headers: editor.headers(),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('.csv');
    const lines = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, '')).data;
    expect(lines[0]![0]).toBe('机构编码 (institution code)');
    expect(lines).toHaveLength(61);
    const { version } = (
      await ctx.app.inject({ method: 'GET', url: url('2023Q2'), headers: editor.headers() })
    ).json();
    const res = await upload('2023Q2', Buffer.from(csv.rawPayload), version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ institutions: 60, createdInstitutions: 0 });
  });

  it('the XLSX template lists the quarter as sent and imports again', async () => {
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: url('2023Q2', '/institutions/template?format=xlsx'),
      headers: editor.headers(),
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('.xlsx');
    const { version } = (
      await ctx.app.inject({ method: 'GET', url: url('2023Q2'), headers: editor.headers() })
    ).json();
    const res = await upload('2023Q2', Buffer.from(xlsx.rawPayload), version, 'jg.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      institutions: 60,
      createdInstitutions: 0,
      version: version + 1,
    });
  });

  it('a region-level save sends the roll-up back as shown; another figure for such a region is refused at the field', async () => {
    const report = (
      await ctx.app.inject({ method: 'GET', url: url('2023Q2'), headers: editor.headers() })
    ).json();
    const rows = report.rows.map(
      ({ regionNameZh: _z, regionNameEn: _e, institutions: _n, ...r }: Record<string, unknown>) =>
        r,
    );
    rows[0].stage = 'simulated'; // the region's own: allowed
    const same = await ctx.app.inject({
      method: 'PUT',
      url: url('2023Q2'),
      headers: editor.headers({ 'if-match': `"${report.version}"` }),
      payload: { rows },
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().rows[0]).toMatchObject({
      institutions: 30,
      stage: 'simulated',
      eligibleInstitutions: report.rows[0].eligibleInstitutions,
    });

    rows[1].inpatientCases += 1;
    const other = await ctx.app.inject({
      method: 'PUT',
      url: url('2023Q2'),
      headers: editor.headers({ 'if-match': `"${same.json().version}"` }),
      payload: { rows },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors).toMatchObject([
      { path: '/body/rows/1/inpatientCases', code: 'fromInstitutions' },
    ]);
    expect((await reportRow('2023Q2', regions[1]!)).inpatientCases).toBe(
      report.rows[1].inpatientCases,
    );

    const history = (
      await ctx.app.inject({
        method: 'GET',
        url: url('2023Q2', '/history'),
        headers: editor.headers(),
      })
    ).json();
    const entry = history.find((h: { action: string }) => h.action === 'report.saveInstitutions');
    expect(entry.after.institutions).toBe(60);
    expect(entry.after.institutionRegions).toHaveLength(2);
    expect(entry.after.institutionRegions[0]).toMatchObject({
      regionCode: regions[0],
      institutions: 30,
    });
    expect(JSON.stringify(entry.after)).not.toContain('T000001');
  });

  it('once submitted, the trajectory and the comparison count the institutions as institutions of their regions', async () => {
    const period = '2023Q3';
    let version = await regionRows(period);
    const rows = sheet(12, 'Q');
    version = (await put(period, rows, version)).json().version;
    const submit = await ctx.app.inject({
      method: 'POST',
      url: url(period, '/submit'),
      headers: editor.headers({ 'if-match': `"${version}"` }),
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const covered = rows.filter((r) => r.regionCode === regions[0] && r.eligible && r.paid).length;
    const t = await ctx.app.inject({
      method: 'GET',
      url: `/api/provinces/${LN}/trajectory?dimension=institutions&asOf=${period}`,
    });
    expect(t.statusCode).toBe(200);
    const series = (
      expandTrajectory(t.json()) as unknown as {
        series: {
          key: string;
          points: { period: string; actual: { numerator: string } | null }[];
        }[];
      }
    ).series.find((s) => s.key === regions[0])!;
    expect(series.points.find((p) => p.period === period)!.actual!.numerator).toBe(String(covered));

    const comparison = (
      await ctx.app.inject({ method: 'GET', url: `/api/comparison?period=${period}&dimension=all` })
    ).json();
    const ln = (d: string) =>
      comparison.rows.find(
        (r: { province: { code: string }; dimension: string }) =>
          r.province.code === LN && r.dimension === d,
      );
    const stored = (await ctx.app.inject({ method: 'GET', url: url(period) })).json().rows;
    const sum = stored.reduce(
      (s: number, r: { coveredInstitutions: number }) => s + r.coveredInstitutions,
      0,
    );
    expect(ln('institutions').actual.numerator).toBe(String(sum));
    expect(ln('regions').actual.denominator).toBe(String(regions.length));
    // and anyone reads a submitted quarter's institutions
    const pub = await ctx.app.inject({ method: 'GET', url: url(period, '/institutions?limit=5') });
    expect(pub.json().total).toBe(24);
  });
});

describe("the report's warnings read the rolled-up rows", () => {
  it('a region in 实际付费 whose institutions are none of them paid is warned about, as a region row would be', async () => {
    const version = await regionRows('2024Q4');
    const rows = sheet(4, 'W').map((r) => ({ ...r, paid: false, method: null, drgDipFund: '0' }));
    expect((await put('2024Q4', rows, version)).statusCode).toBe(200);
    const report = (
      await ctx.app.inject({ method: 'GET', url: url('2024Q4'), headers: editor.headers() })
    ).json();
    expect(report.rows[0]).toMatchObject({ stage: 'actual', coveredInstitutions: 0 });
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        path: '/rows/0/coveredInstitutions',
        code: 'actualWithoutInstitutions',
      }),
    );
  });
});

describe('one limit, the same checks, for a save and an import', () => {
  it(`${MAX_INSTITUTION_ROWS + 1} institutions are refused by both with the same 413; nothing saved`, async () => {
    const version = await regionRows('2022Q4');
    const rows = sheet((MAX_INSTITUTION_ROWS + 2) / 2, 'L').slice(0, MAX_INSTITUTION_ROWS + 1);
    const json = await put('2022Q4', rows, version);
    expect(json.statusCode).toBe(413);
    expect(json.json()).toMatchObject({ code: 'tooManyInstitutions', limit: MAX_INSTITUTION_ROWS });
    // whatever the rows hold: a bad figure in a sheet over the limit is still the limit's answer
    const broken = await put(
      '2022Q4',
      [...rows.slice(1), { ...rows[0], inpatientCases: -1 }],
      version,
    );
    expect(broken.statusCode).toBe(413);
    const file = await upload('2022Q4', csvOf(rows), version);
    expect(file.statusCode).toBe(413);
    expect(file.json()).toMatchObject({ code: 'tooManyInstitutions', limit: MAX_INSTITUTION_ROWS });
    expect(await ctx.db.institution.count({ where: { code: { startsWith: 'L' } } })).toBe(0);
  });

  it(`${MAX_INSTITUTION_ROWS} institutions, the limit itself, are saved`, async () => {
    const version = await regionRows('2022Q3');
    const res = await put('2022Q3', sheet(MAX_INSTITUTION_ROWS / 2, 'M'), version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().institutions).toBe(MAX_INSTITUTION_ROWS);
  });

  it('bad values come back row by row with their column, from a file and from JSON alike', async () => {
    const version = await regionRows('2022Q2');
    const rows = sheet(5, 'B');
    rows[1]!.groupedCases = rows[1]!.inpatientCases + 1;
    rows[2]!.regionCode = '220100'; // 长春, 吉林
    rows[3]!.paid = true;
    rows[3]!.method = null;
    const json = await put('2022Q2', rows, version);
    expect(json.statusCode).toBe(422);
    expect(
      json.json().errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
    ).toEqual([
      '/body/rows/1/groupedCases groupedAboveCases',
      '/body/rows/2/regionCode regionOfAnotherProvince',
      '/body/rows/3/method required',
    ]);
    const text = csvOf(rows).toString().replace('是,是,是,DRG,1000', '是,也许,是,DRG,1000');
    const file = await upload('2022Q2', Buffer.from(text), version);
    expect(file.statusCode).toBe(422);
    const errors = file.json().errors as {
      row: number;
      column: string;
      code: string;
      zh: string;
    }[];
    expect(errors.map((e) => `${e.row} ${e.column.split(' (')[0]} ${e.code}`)).toEqual([
      '2 是否符合条件 notYesNo',
      '3 入组病例数 groupedAboveCases',
      '4 统筹地区编码 regionOfAnotherProvince',
      '5 付费方式 required',
    ]);
    expect(errors[0]!.zh).toContain('第 2 行「是否符合条件」');
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: url('2022Q2', '/institutions'),
          headers: editor.headers(),
        })
      ).json().total,
    ).toBe(0);
  });

  it("an institution registered under another province's region is refused, naming the row", async () => {
    const changchun = await ctx.db.coordinatingRegion.findFirstOrThrow({
      where: { provinceCode: JL },
    });
    await ctx.db.institution.create({
      data: { code: 'JL0001', regionId: changchun.id, nameZh: '长春某医院' },
    });
    const version = await regionRows('2022Q1');
    const rows = sheet(3, 'C');
    rows[4]!.institutionCode = 'JL0001';
    const file = await upload('2022Q1', csvOf(rows), version);
    expect(file.statusCode).toBe(422);
    expect(file.json().errors).toMatchObject([
      { row: 6, code: 'institutionOfAnotherProvince', column: '机构编码 (institution code)' },
    ]);
    expect(file.json().errors[0].zh).toContain('第 6 行');
  });

  it('a region with no row in the report yet is refused: its stage and method come first', async () => {
    const rows = (await validRows(ctx, LN)).slice(1);
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: url('2025Q1'),
      headers: editor.headers(),
      payload: { rows },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await put('2025Q1', sheet(2, 'D'), saved.json().version);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toMatchObject([
      { path: '/body/rows/0/regionCode', code: 'regionNotInReport' },
    ]);
  });
});

describe('who may send institutions, and when', () => {
  it("only the province's editor: another province's editor and a reviewer are refused", async () => {
    const version = await regionRows('2024Q1');
    for (const agent of [await signIn(ctx, 'editor', JL), await signIn(ctx, 'reviewer')]) {
      const res = await put('2024Q1', sheet(2, 'P'), version, agent);
      expect(res.statusCode).toBe(403);
    }
  });

  it('a stale If-Match gets 409 and keeps the figures; none gets 428; a submitted report 409', async () => {
    const version = await regionRows('2024Q2');
    expect((await put('2024Q2', sheet(2, 'E'), version)).statusCode).toBe(200);
    const stale = await put('2024Q2', sheet(4, 'E'), version);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('versionConflict');
    expect((await put('2024Q2', sheet(4, 'E'), null)).statusCode).toBe(428);
    const list = await ctx.app.inject({
      method: 'GET',
      url: url('2024Q2', '/institutions'),
      headers: editor.headers(),
    });
    expect(list.json().total).toBe(4);

    await ctx.app.inject({
      method: 'POST',
      url: url('2024Q2', '/submit'),
      headers: editor.headers({ 'if-match': `"${version + 1}"` }),
    });
    const late = await put('2024Q2', sheet(4, 'E'), version + 2);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('wrongStatus');
  });

  it('two saves of one version at once: exactly one wins', async () => {
    const version = await regionRows('2024Q3');
    const answers = await Promise.all([
      put('2024Q3', sheet(3, 'F'), version),
      put('2024Q3', sheet(5, 'G'), version),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.statusCode === 200)!.json().institutions;
    const list = await ctx.app.inject({
      method: 'GET',
      url: url('2024Q3', '/institutions'),
      headers: editor.headers(),
    });
    expect(list.json().total).toBe(won);
  });

  it('no report yet: 409 asking for the region rows first', async () => {
    const res = await put('2025Q2', sheet(1, 'H'), 0);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('reportRequired');
  });
});
