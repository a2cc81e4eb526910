/**
 * Every provincial unit can report, not only the five with plans: Guangdong's bureau takes
 * the template, fills it, imports it and submits; a reviewer accepts; completeness and the
 * national (全国) figure show it. The national figure adds the reporting provinces'
 * numerators and denominators, weighs the national plan's line by the same denominators,
 * leaves drafts out, and carries NHSA's published figures with their own definitions.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_LABELS, TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { multipartFile } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

const GD = '440000';
const BJ = '110000';
const PERIOD = '2024Q4';

let ctx: TestContext;
let gd: Agent;
let bj: Agent;
let reviewer: Agent;

beforeAll(async () => {
  ctx = await build();
  gd = await signIn(ctx, 'editor', GD);
  bj = await signIn(ctx, 'editor', BJ);
  reviewer = await signIn(ctx, 'reviewer');
});
afterAll(async () => ctx?.close());

const get = (url: string, agent?: Agent) =>
  ctx.app.inject({ method: 'GET', url, headers: agent ? { cookie: agent.cookie } : {} });
const post = (agent: Agent, url: string, version: number, payload = {}) =>
  ctx.app.inject({
    method: 'POST',
    url,
    headers: agent.headers({ 'if-match': `"${version}"` }),
    payload,
  });

/** Guangdong's figures: region i has 100+i eligible institutions, 60+i paid; every one in actual payment. */
function guangdongRow(i: number) {
  return {
    method: i % 2 ? 'DIP' : 'DRG',
    stage: STAGE_LABELS.actual,
    eligibleInstitutions: String(100 + i),
    coveredInstitutions: String(60 + i),
    inpatientCases: '50,000',
    groupedCases: '45000',
    paidInstitutionCases: '40000',
    paidInstitutionGroupedCases: '38000',
    inpatientFund: '80000.50',
    drgDipFund: '60000.25',
  } as Record<string, string>;
}

describe('every province reports, and the country adds them up', () => {
  it('lists 32 provincial units, each with coordinating regions that can be reported', async () => {
    const provinces = (await get('/api/provinces')).json() as {
      code: string;
      regionCount: number;
    }[];
    expect(provinces).toHaveLength(32);
    for (const p of provinces) expect(p.regionCount, p.code).toBeGreaterThan(0);
    const completeness = (await get(`/api/completeness?period=${PERIOD}`)).json();
    expect(completeness.rows).toHaveLength(32);
    for (const r of completeness.rows) expect(r.regionCount, r.province.code).toBeGreaterThan(0);
  });

  it("Guangdong's editor fills the template, imports it and submits; a reviewer accepts it", async () => {
    const template = await get(`/api/provinces/${GD}/reports/${PERIOD}/template?format=csv`, gd);
    expect(template.statusCode).toBe(200);
    const table = Papa.parse<string[]>(template.body.replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    const header = table[0]!;
    const col = (key: string) =>
      header.indexOf(TEMPLATE_COLUMNS.find((c) => c.key === key)!.header);
    const lines = table.slice(1);
    // 21 prefecture-level cities and the provincial pool
    expect(lines).toHaveLength(22);
    expect(lines.map((l) => l[col('regionCode')])).toContain('440100');
    lines.forEach((line, i) => {
      for (const [key, value] of Object.entries(guangdongRow(i))) line[col(key)] = value;
    });
    const body = multipartFile(
      '广东_2024Q4.csv',
      Buffer.from(`\uFEFF${Papa.unparse(table, { newline: '\r\n' })}`),
      'text/csv',
    );
    const imported = await ctx.app.inject({
      method: 'POST',
      url: `/api/provinces/${GD}/reports/${PERIOD}/import`,
      payload: body.payload,
      headers: { ...gd.headers(), ...body.headers },
    });
    expect(imported.statusCode, imported.body.slice(0, 400)).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'draft', missingRegions: [] });

    // a draft is the bureau's own: the country's figure does not count it yet
    const before = (await get('/api/national?dimension=institutions')).json();
    expect(before.points.find((p: { period: string }) => p.period === PERIOD).actual).toBeNull();

    const url = `/api/provinces/${GD}/reports/${PERIOD}`;
    const submitted = await post(gd, `${url}/submit`, imported.json().version);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const accepted = await post(reviewer, `${url}/accept`, submitted.json().version);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');

    const completeness = (await get(`/api/completeness?period=${PERIOD}`)).json();
    expect(
      completeness.rows.find((r: { province: { code: string } }) => r.province.code === GD),
    ).toMatchObject({ status: 'accepted', regionCount: 22, regionsReported: 22, overdue: false });
    const comparison = (
      await get(`/api/comparison?period=${PERIOD}&dimension=institutions`)
    ).json();
    const row = comparison.rows.find((r: { province: { code: string } }) => r.province.code === GD);
    expect(row.hasPlan).toBe(false);
    expect(row.actual).toMatchObject({ numerator: String(22 * 60 + 231), denominator: '2431' });
    expect(row.status).not.toBe('noReport');
  });

  it('the national figure adds the reporting provinces and weighs the national line by their denominators', async () => {
    // Beijing (one region) submits the same quarter through the API; Guangdong is accepted already
    const rows = (await validRows(ctx, BJ)).map((r) => ({
      ...r,
      eligibleInstitutions: 400,
      coveredInstitutions: 100,
    }));
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: `/api/provinces/${BJ}/reports/${PERIOD}`,
      headers: bj.headers(),
      payload: { rows },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await post(
      bj,
      `/api/provinces/${BJ}/reports/${PERIOD}/submit`,
      saved.json().version,
    );
    expect(submitted.statusCode).toBe(200);

    const res = await get('/api/national?dimension=institutions');
    expect(res.statusCode).toBe(200);
    const national = res.json();
    expect(national).toMatchObject({ provinceCount: 32, regionCount: 392, isDemo: false });
    const point = national.points.find((p: { period: string }) => p.period === PERIOD);
    // Guangdong 1551 of 2431, Beijing 100 of 400
    expect(point).toMatchObject({
      actual: { numerator: '1651', denominator: '2831', pct: 58.32 },
      provincesReported: 2,
      regionsReported: 23,
      weighting: 'reported',
      demoProvinces: 0,
    });
    const own = async (code: string) => {
      const t = (await get(`/api/provinces/${code}/trajectory?dimension=institutions`)).json();
      return t.series[0].points.find((p: { period: string }) => p.period === PERIOD);
    };
    const [g, b] = [await own(GD), await own(BJ)];
    const weighted = (k: 'nationalOwed' | 'nationalPlanned') =>
      (g[k] * 2431 + b[k] * 400) / (2431 + 400);
    expect(point.nationalOwed).toBeCloseTo(weighted('nationalOwed'), 1);
    expect(point.nationalPlanned).toBeCloseTo(weighted('nationalPlanned'), 1);
    // a quarter nobody reported has no actual, and says how its line is weighted
    const empty = national.points.find((p: { period: string }) => p.period === '2023Q1');
    expect(empty).toMatchObject({ actual: null, provincesReported: 0, weighting: 'equal' });
  });

  it("carries NHSA's published figures with their own definitions and sources", async () => {
    const regions = (await get('/api/national?dimension=regions')).json();
    const launched = regions.published.find((f: { asOf: string }) => f.asOf === '2023-12-31');
    expect(launched).toMatchObject({
      period: '2023Q4',
      value: 90,
      bound: 'above',
      definition: 'different',
      source: { publisherZh: '国家医疗保障局', publishedOn: '2024-07-23' },
    });
    expect(launched.statementZh).toContain('九成');
    expect(launched.noteZh).toContain('实际付费');
    const groups = (await get('/api/national?dimension=diseaseGroups')).json();
    expect(groups.published).toEqual([
      expect.objectContaining({ value: 95, period: '2025Q2', definition: 'different' }),
    ]);
    const fund = (await get('/api/national?dimension=fund')).json();
    expect(fund.published.map((f: { value: number }) => f.value)).toEqual([80]);
    expect((await get('/api/national?dimension=everything')).statusCode).toBe(400);
  });
});
