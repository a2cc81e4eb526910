/**
 * The country (全国) from its provinces: the actual adds numerators and denominators, the
 * national plan's line weighs each reporting province by the same denominator, a province
 * without a report counts in neither, and the published figures file says what each figure
 * measures and where it comes from.
 */
import { describe, expect, it } from 'vitest';
import { coverage } from '../../server/domain/coverage.ts';
import { type ProvinceAtQuarter, rollUpCountry } from '../../server/domain/national.ts';
import { readPublishedFigures } from '../../server/modules/reference/published-figures.ts';

const province = (p: Partial<ProvinceAtQuarter>): ProvinceAtQuarter => ({
  actual: null,
  nationalPlanned: null,
  nationalOwed: null,
  regionCount: 1,
  regionsReported: 0,
  isDemo: false,
  ...p,
});

describe('the country from its provinces', () => {
  it('a province with 300 eligible institutions weighs ten times one with 30, in the actual and in the line owed', () => {
    const c = rollUpCountry([
      province({
        actual: coverage(150, 300),
        nationalOwed: 40,
        nationalPlanned: 50,
        regionsReported: 10,
      }),
      province({
        actual: coverage(30, 30),
        nationalOwed: 100,
        nationalPlanned: 100,
        regionsReported: 2,
      }),
    ]);
    expect(c.actual).toMatchObject({ numerator: 180, denominator: 330 });
    expect(c.actual!.pct).toBeCloseTo(54.545, 3);
    expect(c.nationalOwed).toBeCloseTo((40 * 300 + 100 * 30) / 330, 9);
    expect(c.nationalPlanned).toBeCloseTo((50 * 300 + 100 * 30) / 330, 9);
    expect(c).toMatchObject({ weighting: 'reported', provincesReported: 2, regionsReported: 12 });
  });

  it('leaves a province that did not report out of both the actual and the line', () => {
    const c = rollUpCountry([
      province({ actual: coverage(50, 100), nationalOwed: 40 }),
      province({ actual: null, nationalOwed: 100, regionCount: 20 }),
    ]);
    expect(c.actual).toMatchObject({ numerator: 50, denominator: 100 });
    expect(c.nationalOwed).toBe(40);
    expect(c.provincesReported).toBe(1);
  });

  it('with no report at all, has no actual and weighs every region the same', () => {
    const c = rollUpCountry([
      province({ nationalOwed: 40, regionCount: 3 }),
      province({ nationalOwed: 100, regionCount: 1 }),
    ]);
    expect(c.actual).toBeNull();
    expect(c.weighting).toBe('equal');
    expect(c.nationalOwed).toBe(55);
  });

  it('counts the provinces whose figures are demo data', () => {
    const c = rollUpCountry([
      province({ actual: coverage(1, 2), isDemo: true }),
      province({ actual: coverage(1, 2) }),
    ]);
    expect(c.demoProvinces).toBe(1);
  });
});

describe('published national figures (seeds/published-figures.yaml)', () => {
  it('each has a date, a value, its own definition in Chinese and English, and a source', async () => {
    const { data } = await readPublishedFigures();
    expect(data.figures.length).toBeGreaterThanOrEqual(5);
    for (const f of data.figures) {
      expect(f.source.publisherZh).toMatch(/国家医疗保障局/);
      expect(f.measureZh && f.measureEn && f.noteZh && f.noteEn).toBeTruthy();
    }
    const launched = data.figures.find((f) => f.asOf === '2023-12-31')!;
    // "开展改革" is not "实际付费": this figure is not the tracker's regions measure
    expect(launched).toMatchObject({ dimension: 'regions', value: 90, bound: 'above' });
    expect(launched.definition).toBe('different');
    expect(launched.source.publishedOn).toBe('2024-07-23');
    const groups = data.figures.find((f) => f.dimension === 'diseaseGroups')!;
    expect(groups).toMatchObject({ value: 95, definition: 'different' });
  });
});
