import { MutationObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ReportDto } from './client.ts';
import { mutations } from './mutations.ts';
import { createQueryClient, keys } from './queries.ts';

const report = { provinceCode: '340000', period: '2024Q2', version: 3 } as ReportDto;

/** A client holding one fresh answer under each key a page may show. */
function filledClient() {
  const client = createQueryClient();
  const shown = {
    trajectory: keys.trajectory('340000', 'institutions', '2024Q2'),
    comparison: keys.comparison('2024Q2', 'all'),
    completeness: keys.completeness('2024Q2'),
    provinces: keys.provinces(),
    queue: keys.reportList({ status: 'submitted' }),
    history: keys.reportHistory('340000', '2024Q2'),
    plan: keys.plan('340000'),
    regions: keys.regions('340000'),
  };
  for (const key of Object.values(shown)) client.setQueryData(key, { some: 'answer' });
  const invalidated = () =>
    Object.entries(shown)
      .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { client, invalidated };
}

describe('the web data layer', () => {
  it('a saved report makes every view of report figures load again, and keeps the answer', async () => {
    const { client, invalidated } = filledClient();
    const save = new MutationObserver(client, {
      ...mutations.saveReport(),
      // the server's answer, without a server: what is tested is what the client does with it
      mutationFn: async () => report,
    });
    await save.mutate({ code: '340000', period: '2024Q2', rows: [], version: 2 });
    expect(invalidated()).toEqual([
      'comparison',
      'completeness',
      'history',
      'provinces',
      'queue',
      'trajectory',
    ]);
    expect(client.getQueryData(keys.report('340000', '2024Q2'))).toBe(report);
  });

  it('a write that does not say what it changed makes everything load again', async () => {
    const { client, invalidated } = filledClient();
    await new MutationObserver(client, { mutationFn: async () => null }).mutate();
    expect(invalidated()).toHaveLength(8);
  });

  it('an area key is the prefix of every key in it, so invalidating the area reaches them all', () => {
    expect(keys.trajectory('210000', 'fund', null).slice(0, 1)).toEqual(keys.trajectories());
    expect(keys.report('210000', '2024Q1').slice(0, 1)).toEqual(keys.reports());
    expect(keys.reportList({ status: 'submitted' }).slice(0, 1)).toEqual(keys.reports());
    expect(keys.plan('210000').slice(0, 1)).toEqual(keys.plans());
  });
});
