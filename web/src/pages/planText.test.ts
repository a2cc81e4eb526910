import { describe, expect, it } from 'vitest';
import type { TargetRowDto } from '../../../server/modules/plans/schemas.ts';
import { translatorFor } from '../i18n/testing.ts';
import { describeTarget, targetScope } from './planText.ts';

const base: TargetRowDto = {
  key: 'k',
  kind: 'calendarLevel',
  dimension: 'fund',
  year: 2023,
  cohort: null,
  minPct: 70,
  scope: 'province',
  regions: [],
  appliesTo: 'eachRegion',
  subset: null,
  dueOn: '2023-12-31',
  event: null,
  stepYears: [],
  steps: [],
  compressFromYear: null,
  compressedSteps: [],
  clockFloorYear: null,
  withinYears: null,
  requiredStage: null,
  soft: false,
  interpretation: null,
  interpretationZh: null,
  conflictsWith: [],
  source: { document: '辽医保发〔2022〕1号', clauseRef: '二、（四）', quote: '…', line: 2279 },
};

describe('a target in words', async () => {
  const zh = await translatorFor('zh-CN');
  const en = await translatorFor('en');

  it('a level by a date', () => {
    expect(describeTarget(base, zh, 'zh-CN')).toBe('≥ 70%，2023年12月31日前');
    expect(describeTarget(base, en, 'en')).toBe('≥ 70%, by Dec 31, 2023');
  });

  it('a ladder counted from each region’s launch, never flattened into calendar years', () => {
    const ladder = {
      ...base,
      kind: 'eventLadder' as const,
      event: 'launch' as const,
      minPct: null,
      dueOn: null,
      steps: [40, 70, 100],
      compressFromYear: 2024,
      compressedSteps: [50, 100],
    };
    expect(describeTarget(ladder, zh, 'zh-CN')).toBe(
      '自启动起逐年 40% / 70% / 100%（2024+：50% / 100%）',
    );
    expect(describeTarget(ladder, en, 'en')).toBe(
      'yearly from launch: 40% / 70% / 100% (2024+: 50% / 100%)',
    );
  });

  it('deadlines and levels counted from an event', () => {
    expect(
      describeTarget(
        { ...base, kind: 'eventDeadline', event: 'actualPayment', withinYears: 2, dueOn: null },
        zh,
        'zh-CN',
      ),
    ).toBe('实际付费后 2 年内 ≥ 70%');
    expect(
      describeTarget(
        { ...base, kind: 'levelAtEvent', event: 'actualPayment', minPct: 90, dueOn: null },
        en,
        'en',
      ),
    ).toBe('at actual payment ≥ 90%');
  });

  it('a stage milestone', () => {
    expect(
      describeTarget(
        {
          ...base,
          kind: 'stageMilestone',
          dimension: 'regions',
          minPct: null,
          requiredStage: 'simulated',
          dueOn: '2022-12-31',
        },
        zh,
        'zh-CN',
      ),
    ).toBe('模拟付费，2022年12月31日前');
  });

  it('names the cohort a target applies to', () => {
    const cohorts = [
      {
        key: 'otherCities',
        nameZh: '其他市',
        nameEn: 'Other cities',
        definedAs: null,
        members: [],
      },
    ];
    expect(
      targetScope({ ...base, cohort: 'otherCities', scope: 'cohort' }, cohorts, zh, 'zh-CN'),
    ).toBe('其他市');
    expect(targetScope(base, cohorts, en, 'en')).toBe('Whole province');
  });
});
