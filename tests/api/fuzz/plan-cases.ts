/** Cases for plans: drafting a revision of a plan and creating a province's first plan. */
import { planContent } from '../fixtures/requests.ts';
import { clone, type Fixtures, type FuzzCase, long, prng, shapeless } from './harness.ts';
import { type Plan, planMutations } from './plan-mutations.ts';

export function planDraftCases(fx: Fixtures): FuzzCase[] {
  const url = '/api/plans/liaoning-2022-1/draft';
  return [
    ...planMutations.map(([label, apply]): FuzzCase => {
      const p = clone(planContent()) as Plan;
      return { label, method: 'PUT', url, agent: fx.editor, body: p, path: apply(p, fx) };
    }),
    {
      label: 'a slug in the body',
      method: 'PUT',
      url,
      agent: fx.editor,
      body: { ...planContent(), slug: 'x' },
      path: '/body/slug',
    },
    ...shapeless(url, 'PUT', fx.editor),
  ];
}

export function newPlanCases(fx: Fixtures): FuzzCase[] {
  const url = '/api/provinces/110000/plans';
  const rng = prng(110000);
  const c = (label: string, body: unknown, path: string): FuzzCase => ({
    label,
    method: 'POST',
    url,
    agent: fx.admin,
    body,
    path,
  });
  const picked = Array.from({ length: 12 }, () => rng.pick(planMutations));
  return [
    ...picked.map(([label, apply]) => {
      const p = { ...clone(planContent()), slug: 'beijing-2024-1' } as Plan;
      return c(label, p, apply(p, fx));
    }),
    ...['Bad Slug', '', '-leading-dash', long(10_000, 'a')].map((s) =>
      c(`slug ${JSON.stringify(s.slice(0, 12))}`, { ...planContent(), slug: s }, '/body/slug'),
    ),
    c('no slug', planContent(), '/body/slug'),
    c('a slug already taken', { ...planContent(), slug: 'liaoning-2022-1' }, '/body/slug'),
    ...shapeless(url, 'POST', fx.admin),
  ];
}
