/**
 * One visibility rule (server/permissions/visibility.ts) on every path that reads plans,
 * reports, warnings and history: outsiders read only what was reported or published, and never
 * an account name. Each leak the hostile test found is tried here as an outsider would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContent } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';
import { draftIfMatch } from './roles/setup.ts';

const LN = '210000';
const SLUG = 'liaoning-2022-1';
let ctx: TestContext;
let editor: Agent;
let otherEditor: Agent;
let reviewer: Agent;
let admin: Agent;

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', LN);
  otherEditor = await signIn(ctx, 'editor', '430000');
  reviewer = await signIn(ctx, 'reviewer');
  admin = await signIn(ctx, 'admin');
});
afterAll(async () => ctx?.close());

const get = async (url: string, agent?: Agent) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url,
    headers: agent ? { cookie: agent.cookie } : {},
  });
  expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
  return { json: res.json(), text: res.body };
};

const reportUrl = (period: string) => `/api/provinces/${LN}/reports/${period}`;

/** Saves a complete quarter; `coveredFirst` sets the first region's covered (and eligible) institutions. */
async function save(period: string, coveredFirst?: number) {
  const rows = await validRows(ctx, LN);
  if (coveredFirst !== undefined) {
    rows[0]!.eligibleInstitutions = coveredFirst;
    rows[0]!.coveredInstitutions = coveredFirst;
  }
  const current = await ctx.db.report.findUnique({
    where: { provinceCode_period: { provinceCode: LN, period } },
  });
  const res = await ctx.app.inject({
    method: 'PUT',
    url: reportUrl(period),
    headers: editor.headers(current ? { 'if-match': `"${current.version}"` } : {}),
    payload: { rows },
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json().version as number;
}

async function move(period: string, action: 'submit' | 'accept', by: Agent, comment?: string) {
  const current = await ctx.db.report.findUniqueOrThrow({
    where: { provinceCode_period: { provinceCode: LN, period } },
  });
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${reportUrl(period)}/${action}`,
    headers: by.headers({ 'if-match': `"${current.version}"` }),
    payload: comment ? { comment } : {},
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
}

describe('plan history', () => {
  beforeAll(async () => {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${SLUG}/draft`,
      headers: editor.headers(await draftIfMatch(ctx, SLUG)),
      payload: planContent({ note: '未发布的修订草稿 unpublished draft note' }),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  });

  it('hides an unpublished draft, its content and its author from anonymous readers and other provinces', async () => {
    for (const outsider of [undefined, otherEditor]) {
      const { json, text } = await get(`/api/plans/${SLUG}/history`, outsider);
      expect(json.map((h: { action: string }) => h.action)).toEqual(['plan.seed']);
      expect(text).not.toContain('unpublished draft note');
      expect(text).not.toContain(editor.username);
    }
  });

  it('shows the draft, with its author, to the editors, reviewers and admins who read drafts', async () => {
    for (const insider of [editor, reviewer, admin]) {
      const { json } = await get(`/api/plans/${SLUG}/history`, insider);
      expect(json.map((h: { action: string }) => h.action)).toEqual(['plan.seed', 'plan.draft']);
      expect(json[1].actor).toBe(editor.username);
      expect(JSON.stringify(json[1].after)).toContain('unpublished draft note');
    }
  });

  it("plan versions name the author's role, not the account, to outsiders", async () => {
    const publish = await ctx.app.inject({
      method: 'POST',
      url: `/api/plans/${SLUG}/publish`,
      headers: admin.headers(await draftIfMatch(ctx, SLUG)),
    });
    expect(publish.statusCode, publish.body.slice(0, 300)).toBe(200);
    const anonymous = await get(`/api/plans/${SLUG}/versions`);
    expect(anonymous.text).not.toContain(editor.username);
    expect(anonymous.json.map((v: { createdBy: string }) => v.createdBy)).toEqual([
      'seed',
      'editor',
    ]);
    const insider = await get(`/api/plans/${SLUG}/versions`, reviewer);
    expect(insider.json[1].createdBy).toBe(editor.username);
    // the publication is public history; the draft before it is not
    const history = await get(`/api/plans/${SLUG}/history`);
    expect(history.json.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual(
      [
        ['plan.seed', 'seed'],
        ['plan.publish', 'admin'],
      ],
    );
  });
});

describe('warnings of a public report', () => {
  it("never compare with the previous quarter's unsubmitted draft (87654 stays unseen)", async () => {
    await save('2024Q1', 87_654); // a draft nobody submitted
    await save('2024Q2');
    await move('2024Q2', 'submit', editor);
    for (const reader of [undefined, otherEditor, reviewer]) {
      const { json, text } = await get(reportUrl('2024Q2'), reader);
      expect(json.status).toBe('submitted');
      expect(text).not.toContain('87654');
      expect(text).not.toContain('87,654');
    }
  });

  it('do compare with a previous quarter that was reported (the same figure shows then)', async () => {
    await save('2023Q1', 87_654);
    await move('2023Q1', 'submit', editor);
    await save('2023Q2');
    await move('2023Q2', 'submit', editor);
    const { text } = await get(reportUrl('2023Q2'));
    expect(text).toMatch(/87,?654/);
  });
});

describe('a submitted report read by an outsider', () => {
  beforeAll(async () => {
    await save('2022Q4');
    await save('2022Q4'); // a second draft save: work in progress
    await move('2022Q4', 'submit', editor, '提交说明 submission remark');
    await move('2022Q4', 'accept', reviewer, '审核意见 reviewer remark');
  });

  it('names no account: no editor, no reviewer, no comments', async () => {
    for (const outsider of [undefined, otherEditor]) {
      const { json, text } = await get(reportUrl('2022Q4'), outsider);
      expect(json.status).toBe('accepted');
      expect(json.updatedBy).toBeNull();
      expect(json.comments).toEqual([]);
      expect(text).not.toContain(editor.username);
      expect(text).not.toContain(reviewer.username);
    }
    const insider = await get(reportUrl('2022Q4'), editor);
    expect(insider.json.comments.map((c: { author: string }) => c.author)).toEqual([
      editor.username,
      reviewer.username,
    ]);
  });

  it('has a history of its submission and acceptance only, by role, without the drafts', async () => {
    for (const outsider of [undefined, otherEditor]) {
      const { json, text } = await get(`${reportUrl('2022Q4')}/history`, outsider);
      expect(json.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
        ['report.submit', 'editor'],
        ['report.accept', 'reviewer'],
      ]);
      expect(json[1].after).toEqual({ status: 'accepted', version: expect.any(Number) });
      expect(text).not.toContain(editor.username);
      expect(text).not.toContain('remark');
      expect(text).not.toContain('eligibleInstitutions');
    }
    const insider = await get(`${reportUrl('2022Q4')}/history`, reviewer);
    expect(insider.json.map((h: { action: string }) => h.action)).toEqual([
      'report.create',
      'report.save',
      'report.submit',
      'report.accept',
    ]);
    expect(insider.json[0].actor).toBe(editor.username);
  });
});

describe("a region's timeline", () => {
  it("shows a correction's source to everyone and the admin's account only to insiders", async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/regions/210200/events',
      headers: admin.headers(),
      payload: {
        kind: 'launch',
        occurredOn: '2022-06-30',
        precision: 'day',
        source: '大连市医保局通知',
      },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const corrections = (json: { corrections: { by: string; source: string }[] }[]) =>
      json.flatMap((r) => r.corrections).filter((c) => c.source === '大连市医保局通知');
    const outsider = await get(`/api/provinces/${LN}/timeline`);
    expect(corrections(outsider.json).map((c) => c.by)).toEqual(['admin']);
    expect(outsider.text).not.toContain(admin.username);
    const insider = await get(`/api/provinces/${LN}/timeline`, reviewer);
    expect(corrections(insider.json).map((c) => c.by)).toEqual([admin.username]);
  });
});
