/**
 * Institution-level detail: institutions are their own entity under a region; their quarter is
 * rolled up in SQL into the region's row, so they count as institutions of their region (never
 * as regions) and the dashboards read them at the cost of their regions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InstitutionFigures,
  regionRollUp,
  replaceInstitutionQuarter,
} from '../../server/modules/institutions/roll-up.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

const LN = '210000';
let ctx: TestContext;
let editor: Agent;

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', LN);
});
afterAll(async () => ctx.close());

/** 沈阳 and 大连 report institution by institution: 30 each, 10 of them secondary public hospitals. */
async function institutionsOf(regionCodes: string[]) {
  const regions = await ctx.db.coordinatingRegion.findMany({
    where: { code: { in: regionCodes } },
  });
  await ctx.db.institution.createMany({
    data: regions.flatMap((r) =>
      Array.from({ length: 30 }, (_, i) => ({
        code: `${r.code}-H${String(i).padStart(3, '0')}`,
        regionId: r.id,
        nameZh: `${r.nameZh}第${i + 1}医院`,
        secondaryPublic: i < 10,
      })),
    ),
  });
  return ctx.db.institution.findMany({
    where: { regionId: { in: regions.map((r) => r.id) } },
    include: { region: true },
    orderBy: { code: 'asc' },
  });
}

describe('institutions roll up into their region, in SQL', () => {
  it("a region's row holds its institutions' counts and sums, and the province counts them as institutions", async () => {
    const rows = await validRows(ctx, LN);
    const url = `/api/provinces/${LN}/reports/2023Q4`;
    const saved = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: editor.headers(),
      payload: { rows },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const [shenyang, dalian] = [rows[0]!.regionCode, rows[1]!.regionCode];
    const institutions = await institutionsOf([shenyang, dalian]);
    const figures: InstitutionFigures[] = institutions.map((inst, i) => ({
      institutionId: inst.id,
      eligible: i % 15 !== 14, // two of each region's 30 are not eligible
      paid: i % 3 === 0,
      method: i % 3 === 0 ? 'DRG' : null,
      inpatientCases: 1_000 + i,
      groupedCases: 900 + i,
      inpatientFund: (500 + i * 0.25).toFixed(2),
      drgDipFund: i % 3 === 0 ? (300 + i * 0.25).toFixed(2) : '0.00',
    }));
    const report = await ctx.db.report.findUniqueOrThrow({
      where: { provinceCode_period: { provinceCode: LN, period: '2023Q4' } },
    });
    await ctx.db.$transaction((tx) => replaceInstitutionQuarter(tx, report, figures));

    const stored = await ctx.db.reportRow.findMany({
      where: { reportId: report.id },
      include: { region: true },
    });
    const row = (code: string) => stored.find((r) => r.region.code === code)!;
    for (const code of [shenyang, dalian]) {
      const mine = figures.filter((_, i) => institutions[i]!.region.code === code);
      const mineSecondary = mine.filter(
        (f) => institutions.find((x) => x.id === f.institutionId)!.secondaryPublic,
      );
      expect(row(code)).toMatchObject({
        eligibleInstitutions: mine.filter((f) => f.eligible).length,
        coveredInstitutions: mine.filter((f) => f.eligible && f.paid).length,
        inpatientCases: mine.reduce((s, f) => s + f.inpatientCases, 0),
        paidInstitutionCases: mine.filter((f) => f.paid).reduce((s, f) => s + f.inpatientCases, 0),
        subsetEligibleInstitutions: mineSecondary.filter((f) => f.eligible).length,
        subsetCoveredInstitutions: mineSecondary.filter((f) => f.eligible && f.paid).length,
      });
      const cents = mine.reduce((s, f) => s + Math.round(Number(f.inpatientFund) * 100), 0);
      expect(row(code).inpatientFund.toFixed(2)).toBe((cents / 100).toFixed(2));
    }
    // a region without institution detail keeps what it was saved with
    expect(row(rows[2]!.regionCode).eligibleInstitutions).toBe(rows[2]!.eligibleInstitutions);
    expect(await ctx.db.$transaction((tx) => regionRollUp(tx, report.id))).toHaveLength(2);

    await ctx.app.inject({
      method: 'POST',
      url: `${url}/submit`,
      headers: editor.headers({ 'if-match': `"${saved.json().version}"` }),
    });
    const comparison = (
      await ctx.app.inject({ method: 'GET', url: '/api/comparison?period=2023Q4&dimension=all' })
    ).json();
    const ln = (d: string) =>
      comparison.rows.find(
        (r: { province: { code: string }; dimension: string }) =>
          r.province.code === LN && r.dimension === d,
      );
    const covered = stored.reduce((s, r) => s + r.coveredInstitutions, 0);
    expect(ln('institutions').actual.numerator).toBe(String(covered));
    // sixty institutions more, and still fourteen regions
    expect(ln('regions').actual.denominator).toBe(String(rows.length));
  });
});
