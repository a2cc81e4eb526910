/**
 * Input a hostile or careless client can send gets a clear 4xx problem+json with the field's
 * path, never a 500, and nothing is stored silently altered.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { planContent } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';
import {
  type Bureau,
  figures,
  filledCsvText,
  setUpImport,
  storedRows,
  upload,
} from './import/helpers.ts';

let ctx: TestContext;
let editor: Agent;
let reviewer: Agent;
let admin: Agent;
let bureau: Bureau;
const LN = '210000';
const reportUrl = `/api/provinces/${LN}/reports/2024Q1`;

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', LN);
  reviewer = await signIn(ctx, 'reviewer');
  admin = await signIn(ctx, 'admin');
  bureau = await setUpImport(ctx);
});
afterAll(async () => ctx?.close());

const isProblem = (res: { statusCode: number; headers: Record<string, unknown> }) => {
  expect(res.headers['content-type']).toContain('application/problem+json');
};

/** `{"a":{"a":…}}` nested `depth` levels, as raw JSON text */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('JSON nested thousands of levels deep', () => {
  it.each([
    ['PUT', reportUrl],
    ['POST', `${reportUrl}/comments`],
    ['POST', '/api/auth/sign-in'],
    ['PUT', '/api/plans/liaoning/draft'],
  ])('%s %s answers 400 tooDeep, not 500', async (method, url) => {
    const res = await ctx.app.inject({
      method: method as 'PUT' | 'POST',
      url,
      headers: { ...admin.headers(), 'content-type': 'application/json' },
      payload: nested(8000),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    isProblem(res);
    expect(res.json().code).toBe('tooDeep');
    expect(res.json().errors[0].path).toMatch(/^\/body(\/a)+$/);
  });
});

describe('a lone UTF-16 surrogate (\\ud800), which PostgreSQL cannot store', () => {
  it('in a comment: 400 naming the field, no comment stored', async () => {
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: reportUrl,
      headers: editor.headers(),
      payload: { rows: await validRows(ctx, LN) },
    });
    expect(saved.statusCode).toBe(200);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `${reportUrl}/comments`,
      headers: { ...reviewer.headers(), 'content-type': 'application/json' },
      payload: '{"body":"请核实\\ud800"}',
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    isProblem(res);
    expect(res.json().errors[0]).toMatchObject({ path: '/body/body', code: 'invalidUnicode' });
    const report = await ctx.app.inject({
      method: 'GET',
      url: reportUrl,
      headers: editor.headers(),
    });
    expect(report.json().comments).toEqual([]);
  });

  it('in a report note: 400 naming the row, the draft unchanged; a real pair (an emoji) is stored', async () => {
    const rows = await validRows(ctx, LN);
    const body = JSON.stringify({ rows: rows.map((r, i) => (i === 2 ? { ...r, note: 'x' } : r)) });
    const res = await ctx.app.inject({
      method: 'PUT',
      url: reportUrl,
      headers: { ...editor.headers({ 'if-match': '"1"' }), 'content-type': 'application/json' },
      payload: body.replace('"note":"x"', '"note":"\\udc00x"'),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: '/body/rows/2/note' });
    const ok = await ctx.app.inject({
      method: 'PUT',
      url: reportUrl,
      headers: editor.headers({ 'if-match': '"1"' }),
      payload: { rows: rows.map((r, i) => (i === 2 ? { ...r, note: '已核对 👍' } : r)) },
    });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
    expect(ok.json().rows[2].note).toBe('已核对 👍');
  });
});

describe('plan integers beyond what a number can hold exactly', () => {
  it('9007199254740993 in a plan draft is a 400 at its field, not a 500', async () => {
    const content = planContent();
    const target = { ...content.targets[0]!, clause: { ...content.targets[0]!.clause, line: 1 } };
    const raw = JSON.stringify({ ...content, targets: [target] }).replace(
      '"line":1',
      '"line":9007199254740993',
    );
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/plans/liaoning/draft',
      headers: { ...admin.headers(), 'content-type': 'application/json' },
      payload: raw,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    isProblem(res);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(
      '/body/targets/0/clause/line',
    );
  });
});

describe('an imported number with a space inside', () => {
  it('"1 2" is an error at that cell, never stored as 12; "1,234" is still read as 1234', async () => {
    const csv = await filledCsvText(bureau, '2024Q3', figures(bureau), (table, col) => {
      table[2]![col('eligibleInstitutions')] = '1 2';
      table[3]![col('inpatientCases')] = '1,234';
      // (its grouped cases fit: every rule is checked in the same pass, see every-problem.test.ts)
      table[3]![col('groupedCases')] = '1,000';
      table[3]![col('paidInstitutionCases')] = '';
      table[3]![col('paidInstitutionGroupedCases')] = '';
    });
    const res = await upload(bureau, '2024Q3', 'space.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 3, code: 'notACount', path: '/rows/1/eligibleInstitutions' }),
    ]);
    expect(await storedRows(bureau, '2024Q3')).toBeNull();
  });
});

describe('an imported number with an odd separator', () => {
  // each is refused at its cell (row and column named), never read as the digits run together
  const odd = [
    ['eligibleInstitutions', '1,2'],
    ['coveredInstitutions', '12,34'],
    ['inpatientCases', '1,,234'],
    ['groupedCases', '1\u00a0234'],
    ['eligibleInstitutions', '1 234'],
    ['coveredInstitutions', "1'234"],
    ['inpatientCases', '1_234'],
    ['groupedCases', '1.234.5'],
    ['inpatientFund', '1,2.50'],
    ['drgDipFund', '12 345.00'],
  ] as const;

  it('"1,2", "12,34", "1 234", "1\'234", "1_234"… each give a 422 naming row and column; nothing is stored', async () => {
    const csv = await filledCsvText(bureau, '2024Q4', figures(bureau), (table, col) => {
      odd.forEach(([key, text], i) => {
        table[1 + i]![col(key)] = text;
      });
    });
    const res = await upload(bureau, '2024Q4', 'odd.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; column: string; path: string }[];
    odd.forEach(([key, text], i) => {
      const row = 2 + i; // the header is row 1
      const column = TEMPLATE_COLUMNS.find((c) => c.key === key)!.header;
      expect(errors, `${text} in row ${row}`).toContainEqual(
        expect.objectContaining({ row, column, path: `/rows/${i}/${key}` }),
      );
    });
    expect(await storedRows(bureau, '2024Q4')).toBeNull();
  });
});

describe('a malformed percent-encoding in the address', () => {
  it.each([
    '/api/provinces/%E0%A4%A',
    '/api/provinces/21%zz00/plan',
    `/api/provinces/${LN}/reports/%ED%A0%80`,
  ])('%s is a problem+json 400', async (url) => {
    const res = await ctx.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    isProblem(res);
    expect(res.json()).toMatchObject({ code: 'badUrl', errors: [{ path: '/url' }] });
    expect(res.json().zh).toContain('编码');
  });
});

describe('a client that sends its body too slowly', () => {
  it('is cut off after REQUEST_TIMEOUT_MS instead of holding the connection for ever', async () => {
    const slow = await build({ REQUEST_TIMEOUT_MS: '1500' });
    try {
      await slow.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = slow.app.server.address() as net.AddressInfo;
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += d));
      const closed = new Promise<number>((resolve) =>
        socket.on('close', () => resolve(Date.now())),
      );
      const started = Date.now();
      socket.write(
        'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"user',
      );
      const drip = setInterval(() => socket.write(' '), 200);
      const at = await closed;
      clearInterval(drip);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(answer).toContain('application/problem+json');
      expect(answer).toContain('"code":"requestTimeout"');
      expect(at - started).toBeGreaterThanOrEqual(1400);
      expect(at - started).toBeLessThan(10_000);
    } finally {
      await slow.close();
    }
  });
});
