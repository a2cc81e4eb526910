import { afterAll, beforeAll, it } from 'vitest';
import { build, signIn, validRows, type TestContext } from './helper.ts';
import { planContent } from './fixtures/requests.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await build(); });
afterAll(async () => ctx.close());

it('probe', async () => {
  const ln = await signIn(ctx, 'editor', '210000');
  const admin = await signIn(ctx, 'admin');
  const show = (label: string, r: any) => console.log(label, r.statusCode, r.body.slice(0, 300));
  const base = planContent();
  const t0 = base.targets[0]!;
  const variants: [string, unknown][] = [
    ['issuedOn 13', { ...base, document: { ...base.document, issuedOn: '2024-13-01' } }],
    ['dueOn feb30', { ...base, targets: [{ ...t0, dueOn: '2024-02-30' }] }],
    ['dup conflicts', { ...base, targets: [{ ...t0, conflictsWith: [{ key: 'test-regions-2024', note: 'a' }, { key: 'test-regions-2024', note: 'b' }] }] }],
    ['dup region scope', { ...base, targets: [{ ...t0, scope: { regions: ['210100', '210100'] } }] }],
    ['dup cohort member', { ...base, cohorts: [{ key: 'c', nameZh: 'x', nameEn: 'x', members: [{ region: '210100', inferred: true }, { region: '210100', inferred: true }] }], targets: [{ ...t0, scope: { cohort: 'c' } }] }],
    ['minPct 33.333', { ...base, targets: [{ ...t0, minPct: 33.333 }] }],
    ['nul title', { ...base, document: { ...base.document, title: 'ab\u0000cd' } }],
    ['ok', base],
  ];
  for (const [label, body] of variants) show(label, await ctx.app.inject({ method: 'PUT', url: '/api/plans/liaoning-2022-1/draft', headers: ln.headers(), payload: body as object }));
  show('patch big id', await ctx.app.inject({ method: 'PATCH', url: '/api/users/99999999999', headers: admin.headers(), payload: { displayName: 'x' } }));
  show('delete big id', await ctx.app.inject({ method: 'DELETE', url: '/api/regions/210100/events/99999999999', headers: admin.headers() }));
  show('event nul', await ctx.app.inject({ method: 'POST', url: '/api/regions/210100/events', headers: admin.headers(), payload: { kind: 'launch', occurredOn: '2024-02-03', precision: 'day', source: 'te\u0000st source' } }));
  show('event 0000', await ctx.app.inject({ method: 'POST', url: '/api/regions/210100/events', headers: admin.headers(), payload: { kind: 'launch', occurredOn: '0000-01-01', precision: 'day', source: 'test source' } }));
  show('event 9999', await ctx.app.inject({ method: 'POST', url: '/api/regions/210100/events', headers: admin.headers(), payload: { kind: 'launch', occurredOn: '9999-12-31', precision: 'day', source: 'test source' } }));
  show('report 9999Q1', await ctx.app.inject({ method: 'GET', url: '/api/provinces/210000/reports/9999Q1' }));
  show('comparison 9999Q4', await ctx.app.inject({ method: 'GET', url: '/api/comparison?period=0000Q1' }));
  show('completeness 0000Q1', await ctx.app.inject({ method: 'GET', url: '/api/completeness?period=0000Q1' }));
  show('trajectory asOf', await ctx.app.inject({ method: 'GET', url: '/api/provinces/210000/trajectory?dimension=regions&asOf=0000Q1' }));
  show('users no csrf', await ctx.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: {} }));
});
