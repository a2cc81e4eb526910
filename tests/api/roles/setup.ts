/** Setup shared by the role tests: an account per actor, the reports they use, sending as one. */
import Papa from 'papaparse';
import { expect } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../../server/modules/imports/template.ts';
import { type Agent, signIn, type TestContext, validRows } from '../helper.ts';
import { type Actor, type Call, DRAFT, HN, LN, SUBMITTED } from './matrix.ts';

export type Agents = Record<Exclude<Actor, 'anonymous'>, Agent>;

/** A test file's app and database, with an account per actor (made by setUpRoles). */
export interface Roles {
  ctx: TestContext;
  agents: Agents;
}

export function send(roles: Roles, actor: Actor, call: Call, app = roles.ctx.app) {
  const auth = actor === 'anonymous' ? {} : roles.agents[actor].headers();
  return app.inject({
    method: call.method,
    url: call.url,
    payload: call.payload,
    headers: { ...auth, ...call.headers },
  });
}

export async function currentVersion(
  c: TestContext,
  code: string,
  period: string,
): Promise<number | null> {
  const rep = await c.db.report.findUnique({
    where: { provinceCode_period: { provinceCode: code, period } },
  });
  return rep?.version ?? null;
}

/** If-Match for editing a plan's draft: the draft's ETag when there is one (see plans/revise.ts). */
export async function draftIfMatch(c: TestContext, slug: string): Promise<Record<string, string>> {
  const draft = await c.db.planVersion.findFirst({ where: { plan: { slug }, status: 'draft' } });
  return draft ? { 'if-match': `"${draft.id}"` } : {};
}

/** Saves a complete quarter through the API as the province's own editor. */
export async function saveReport(c: TestContext, editor: Agent, code: string, period: string) {
  const version = await currentVersion(c, code, period);
  const res = await c.app.inject({
    method: 'PUT',
    url: `/api/provinces/${code}/reports/${period}`,
    headers: editor.headers(version === null ? {} : { 'if-match': `"${version}"` }),
    payload: { rows: await validRows(c, code) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { version: number };
}

/** A complete 辽宁 report for `period` in `status` (state set directly: the matrix tests who may act, not how it got there). */
export async function reportIn(
  roles: Roles,
  period: string,
  status: 'draft' | 'submitted',
): Promise<number> {
  if ((await currentVersion(roles.ctx, LN, period)) === null)
    await saveReport(roles.ctx, roles.agents.editorLN, LN, period);
  const rep = await roles.ctx.db.report.update({
    where: { provinceCode_period: { provinceCode: LN, period } },
    data: { status },
  });
  return rep.version;
}

export async function filledCsv(ctx: TestContext, code: string): Promise<Buffer> {
  const rows = await validRows(ctx, code);
  const data = [
    TEMPLATE_COLUMNS.map((c) => c.header),
    ...rows.map((r) =>
      TEMPLATE_COLUMNS.map((c) => String((r as Record<string, unknown>)[c.key] ?? '')),
    ),
  ];
  return Buffer.from(`\uFEFF${Papa.unparse(data, { newline: '\r\n' })}`, 'utf8');
}

/** Signs in an account per actor; saves each province's DRAFT and submits 辽宁's SUBMITTED. */
export async function setUpRoles(ctx: TestContext): Promise<Roles> {
  const agents: Agents = {
    editorLN: await signIn(ctx, 'editor', LN),
    editorHN: await signIn(ctx, 'editor', HN),
    reviewer: await signIn(ctx, 'reviewer'),
    admin: await signIn(ctx, 'admin'),
    auditor: await signIn(ctx, 'auditor'),
  };
  await saveReport(ctx, agents.editorLN, LN, DRAFT);
  await saveReport(ctx, agents.editorHN, HN, DRAFT);
  const submitted = await saveReport(ctx, agents.editorLN, LN, SUBMITTED);
  const res = await send({ ctx, agents }, 'editorLN', {
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${SUBMITTED}/submit`,
    headers: { 'if-match': `"${submitted.version}"` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { ctx, agents };
}
