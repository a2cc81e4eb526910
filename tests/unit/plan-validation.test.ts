import { describe, expect, it } from 'vitest';
import { type PlanToCheck, planProblems } from '../../server/domain/plan-validation.ts';

const regions = new Set(['210100', '210200']);
const target = (over: Record<string, unknown> = {}) => ({
  key: 'coverage2024',
  kind: 'calendarLevel' as const,
  dimension: 'institutions',
  scope: 'province',
  minPct: 70,
  dueOn: '2024-12-31',
  ...over,
});
const plan = (over: Partial<PlanToCheck> = {}): PlanToCheck => ({
  national: false,
  province: '210000',
  document: { startYear: 2022, endYear: 2024, issuedOn: '2022-03-01' },
  cohorts: [{ key: 'first', members: [{ region: '210100', source: 'clause 2' }] }],
  targets: [target()],
  ...over,
});

describe('plan validation (seed files and drafts alike)', () => {
  it('a plan that meets every rule has no problem', () => {
    expect(planProblems(plan(), regions)).toEqual([]);
  });

  it('reports every broken rule at once, each with its path and a Chinese and an English message', () => {
    const problems = planProblems(
      plan({
        document: { startYear: 2024, endYear: 2022, issuedOn: '2022-02-30' },
        cohorts: [{ key: 'first', members: [{ region: '999999' }] }],
        targets: [
          target({ scope: { cohort: 'second' } }),
          target({ conflictsWith: [{ key: 'nowhere' }] }),
        ],
      }),
      regions,
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/document/endYear', 'endsBeforeStart'],
      ['/document/issuedOn', 'notADate'],
      ['/cohorts/0/members/0/region', 'unknownRegion'],
      ['/cohorts/0/members/0', 'sourceRequired'],
      ['/targets/0/scope', 'unknownCohort'],
      ['/targets/1/key', 'duplicate'],
      ['/targets/1/conflictsWith/0', 'unknownTarget'],
      ['/targets/1/conflictsWith/0/noteZh', 'chineseRequired'],
    ]);
    for (const p of problems) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/^[A-Z0-9]/);
    }
  });

  it('a target kind without the fields it needs, and regions named by the national plan', () => {
    const problems = planProblems(
      plan({
        national: true,
        province: null,
        cohorts: [],
        targets: [target({ minPct: undefined, scope: { regions: ['210100'] } })],
      }),
      new Set(),
    );
    expect(problems.map((p) => p.code)).toEqual([
      'fieldRequired',
      'nationalRegions',
      'unknownRegion',
    ]);
  });
});
