/**
 * Malformed bodies, generated deterministically (a seeded PRNG: the same cases on every run),
 * sent across the write endpoints by an actor who IS allowed to write, so that only the body
 * is at fault. Every answer must be a 4xx application/problem+json whose `errors` name the
 * field at fault; none a 5xx; and the database must be exactly as it was before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCases, signInCases, userCases, userPatchCases } from './fuzz/account-cases.ts';
import { type Fixtures, type FuzzCase, judge, setUpFuzz, snapshot } from './fuzz/harness.ts';
import { newPlanCases, planDraftCases } from './fuzz/plan-cases.ts';
import { commentCases, reportCases, transitionCases } from './fuzz/report-cases.ts';
import { build, type TestContext } from './helper.ts';

let ctx: TestContext;
let fx: Fixtures;
let before: Record<string, unknown>;

beforeAll(async () => {
  ctx = await build();
  fx = await setUpFuzz(ctx);
  before = await snapshot(ctx);
});
afterAll(async () => ctx?.close());

describe('malformed bodies get a 4xx problem naming the field, never a 5xx', () => {
  const groups: [string, (fx: Fixtures) => FuzzCase[]][] = [
    ['PUT /provinces/:code/reports/:period', reportCases],
    ['POST …/submit | return | accept', transitionCases],
    ['POST …/comments', commentCases],
    ['POST /users', userCases],
    ['PATCH /users/:id', userPatchCases],
    ['POST /regions/:code/events', eventCases],
    ['PUT /plans/:slug/draft', planDraftCases],
    ['POST /provinces/:code/plans', newPlanCases],
    ['POST /auth/sign-in', signInCases],
  ];

  it.each(groups)('%s', async (_name, generate) => {
    const failures: string[] = [];
    for (const c of generate(fx)) {
      const failure = await judge(fx, c);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });

  it('the same seed gives the same cases (a failure can be replayed)', () => {
    const labels = () =>
      reportCases(fx).map((c) => `${c.url} ${c.label} ${JSON.stringify(c.body ?? c.raw)}`);
    expect(labels()).toEqual(labels());
  });

  it('at least 200 malformed bodies were sent', () => {
    expect(fx.sent).toBeGreaterThanOrEqual(200);
  });

  it('the database is unchanged: no row written, no audit entry for a rejected request', async () => {
    expect(await snapshot(ctx)).toEqual(before);
  });
});
