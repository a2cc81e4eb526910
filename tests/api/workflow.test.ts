import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

let ctx: TestContext;
let editor: Agent;
let otherEditor: Agent;
let reviewer: Agent;
const url = '/api/provinces/210000/reports/2024Q3';

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', '210000');
  otherEditor = await signIn(ctx, 'editor', '210000');
  reviewer = await signIn(ctx, 'reviewer');
});
afterAll(async () => ctx.close());

const put = (agent: Agent, payload: Record<string, unknown>, version?: number) =>
  ctx.app.inject({
    method: 'PUT',
    url,
    headers: agent.headers(version === undefined ? {} : { 'if-match': `"${version}"` }),
    payload,
  });
const post = (
  agent: Agent,
  action: string,
  version: number,
  payload: Record<string, unknown> = {},
) =>
  ctx.app.inject({
    method: 'POST',
    url: `${url}/${action}`,
    headers: agent.headers({ 'if-match': `"${version}"` }),
    payload,
  });

describe('the quarterly reporting cycle', () => {
  it('goes draft → stale save refused → submit → return → fix → resubmit → accept, with every step in the audit trail', async () => {
    const rows = await validRows(ctx, '210000');

    // 1. the editor saves a draft
    const first = await put(editor, { rows });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', version: 1 });
    expect(first.headers.etag).toBe('"1"');

    // 2. a colleague edits version 1 and saves first
    const theirs = rows.map((r, i) =>
      i === 0 ? { ...r, coveredInstitutions: r.coveredInstitutions + 5 } : r,
    );
    const colleague = await put(otherEditor, { rows: theirs }, 1);
    expect(colleague.statusCode).toBe(200);
    expect(colleague.json().version).toBe(2);

    // 3. the first editor's save of stale version 1 gets 409 with the current state, and loses nothing
    const mine = rows.map((r, i) => (i === 1 ? { ...r, groupedCases: r.groupedCases + 1 } : r));
    const stale = await put(editor, { rows: mine }, 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('versionConflict');
    expect(stale.json().current.version).toBe(2);
    const stored = await ctx.app.inject({ method: 'GET', url, headers: editor.headers() });
    expect(stored.json().rows[0].coveredInstitutions).toBe(theirs[0]!.coveredInstitutions);
    expect(stored.json().rows[1].groupedCases).toBe(rows[1]!.groupedCases);

    // a save without If-Match (a client creating the quarter) gets 409 with the report too
    const blind = await put(editor, { rows: mine });
    expect(blind.statusCode).toBe(409);
    expect(blind.json().current.version).toBe(2);

    // 4. the editor submits version 2; the report is then read-only for editors
    const submitted = await post(editor, 'submit', 2);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    const locked = await put(editor, { rows: mine }, submitted.json().version);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('wrongStatus');

    // 5. the reviewer returns it with a comment (a return without comment is refused)
    expect((await post(reviewer, 'return', submitted.json().version)).statusCode).toBe(422);
    const returned = await post(reviewer, 'return', submitted.json().version, {
      comment: '沈阳市基金支出数据请核实',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect(returned.json().comments.at(-1)).toMatchObject({
      kind: 'return',
      body: '沈阳市基金支出数据请核实',
      author: reviewer.username,
    });

    // 6. the editor fixes and resubmits
    const fixed = await put(editor, { rows: mine }, returned.json().version);
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().status).toBe('draft');
    const resubmitted = await post(editor, 'submit', fixed.json().version);
    expect(resubmitted.json().status).toBe('submitted');

    // 7. the reviewer accepts
    const accepted = await post(reviewer, 'accept', resubmitted.json().version);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    expect(accepted.json().acceptedAt).not.toBeNull();

    // the audit trail shows every step, with before and after
    const history = (
      await ctx.app.inject({ method: 'GET', url: `${url}/history`, headers: reviewer.headers() })
    ).json();
    expect(history.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
      ['report.create', editor.username],
      ['report.save', otherEditor.username],
      ['report.submit', editor.username],
      ['report.return', reviewer.username],
      ['report.save', editor.username],
      ['report.submit', editor.username],
      ['report.accept', reviewer.username],
    ]);
    const colleagueStep = history[1];
    expect(colleagueStep.before.rows[0].coveredInstitutions).toBe(rows[0]!.coveredInstitutions);
    expect(colleagueStep.after.rows[0].coveredInstitutions).toBe(theirs[0]!.coveredInstitutions);
    expect(history[3].before.status).toBe('submitted');
    expect(history[3].after).toMatchObject({
      status: 'returned',
      comment: '沈阳市基金支出数据请核实',
    });

    // audit rows cannot be changed or deleted, even with direct SQL
    await expect(ctx.db.auditEvent.deleteMany({})).rejects.toThrow();
    expect(
      await ctx.db.auditEvent.count({ where: { entityType: 'report' } }),
    ).toBeGreaterThanOrEqual(7);
  });

  it('an editor of another province can neither read the draft nor write to it', async () => {
    const rows = await validRows(ctx, '210000');
    const draftUrl = '/api/provinces/210000/reports/2023Q1';
    expect(
      (
        await ctx.app.inject({
          method: 'PUT',
          url: draftUrl,
          headers: editor.headers(),
          payload: { rows },
        })
      ).statusCode,
    ).toBe(200);
    const hunan = await signIn(ctx, 'editor', '430000');
    expect(
      (await ctx.app.inject({ method: 'GET', url: draftUrl, headers: hunan.headers() })).statusCode,
    ).toBe(404);
    const write = await ctx.app.inject({
      method: 'PUT',
      url: draftUrl,
      headers: hunan.headers({ 'if-match': '"1"' }),
      payload: { rows },
    });
    expect(write.statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: draftUrl })).statusCode).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'GET', url: draftUrl, headers: reviewer.headers() }))
        .statusCode,
    ).toBe(200);
  });

  it('rejects impossible figures with the path of each field and writes nothing', async () => {
    const rows = await validRows(ctx, '210000');
    const bad = rows.map((r, i) =>
      i === 2
        ? { ...r, coveredInstitutions: r.eligibleInstitutions + 1 }
        : i === 4
          ? { ...r, drgDipFund: '999999999.00' }
          : r,
    );
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/provinces/210000/reports/2022Q4',
      headers: editor.headers(),
      payload: { rows: bad },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['/body/rows/2/coveredInstitutions', 'coveredAboveEligible'],
      ['/body/rows/4/drgDipFund', 'fundAboveTotal'],
    ]);
    expect(res.json().zh).toContain('未保存');
    expect(
      await ctx.db.report.findFirst({
        where: { provinceCode: '210000', period: '2022Q4', isDemo: false },
      }),
    ).toBeNull();
  });

  it('saves warnings with the report: a cumulative figure falling, a stage going backwards', async () => {
    const rows = await validRows(ctx, '210000');
    const q1 = '/api/provinces/210000/reports/2023Q3';
    const q2 = '/api/provinces/210000/reports/2023Q4';
    const first = await ctx.app.inject({
      method: 'PUT',
      url: q1,
      headers: editor.headers(),
      payload: { rows },
    });
    // compared with the previous quarter as reported: a draft is still its bureau's own
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: `${q1}/submit`,
      headers: editor.headers({ 'if-match': `"${first.json().version}"` }),
    });
    expect(submitted.statusCode).toBe(200);
    const worse = rows.map((r, i) =>
      i === 0 ? { ...r, stage: 'simulated', coveredInstitutions: r.coveredInstitutions - 10 } : r,
    );
    const res = await ctx.app.inject({
      method: 'PUT',
      url: q2,
      headers: editor.headers(),
      payload: { rows: worse },
    });
    expect(res.statusCode).toBe(200);
    const codes = res
      .json()
      .warnings.map((w: { path: string; code: string }) => `${w.path}:${w.code}`);
    expect(codes).toContain('/rows/0/stage:stageWentBack');
    expect(codes).toContain('/rows/0/coveredInstitutions:cumulativeFell');
  });
});

describe('completeness', () => {
  it('says who has not reported, submitted or been accepted, and who is overdue', async () => {
    const url2 = '/api/provinces/210000/reports/2024Q2';
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: url2,
      headers: editor.headers(),
      payload: { rows: await validRows(ctx, '210000') },
    });
    await ctx.app.inject({
      method: 'POST',
      url: `${url2}/submit`,
      headers: editor.headers({ 'if-match': `"${saved.json().version}"` }),
    });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/completeness?period=2024Q2' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.deadline).toBe('2024-07-15');
    const liaoning = body.rows.find(
      (r: { province: { code: string } }) => r.province.code === '210000',
    );
    expect(liaoning).toMatchObject({ status: 'submitted', overdue: false, regionsReported: 14 });
    const hunan = body.rows.find(
      (r: { province: { code: string } }) => r.province.code === '430000',
    );
    expect(hunan).toMatchObject({ status: 'none', overdue: true });
    const beijing = body.rows.find(
      (r: { province: { code: string } }) => r.province.code === '110000',
    );
    // a province with no plan of its own owes its report all the same
    expect(beijing).toMatchObject({ status: 'none', overdue: true, regionCount: 1 });
  });
});
