/**
 * One limit for a quarter's rows, however they arrive: a file the save would refuse is refused
 * by the import too (a 1,875-row quarter used to be refused by PUT but accepted from a file).
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ROWS } from '../../server/domain/report-rules.ts';
import { TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { build, type TestContext } from './helper.ts';
import { type Bureau, figures, LN, setUpImport, storedRows, upload } from './import/helpers.ts';

let ctx: TestContext;
let bureau: Bureau;

beforeAll(async () => {
  ctx = await build();
  bureau = await setUpImport(ctx);
});
afterAll(async () => ctx.close());

/** MAX_ROWS + 1 rows: the province's own regions over and over. */
const tooMany = () => {
  const rows = figures(bureau);
  return Array.from({ length: MAX_ROWS + 1 }, (_, i) => rows[i % rows.length]!);
};

describe('a quarter has at most MAX_ROWS rows, saved or imported', () => {
  it('the save refuses one row too many at the body, and stores nothing', async () => {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/provinces/${LN}/reports/2023Q2`,
      headers: bureau.editor.headers(),
      payload: { rows: tooMany() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/body/rows');
    expect(await storedRows(bureau, '2023Q2')).toBeNull();
  });

  it('the import refuses the same rows from a file, with the limit in both languages', async () => {
    const header = TEMPLATE_COLUMNS.map((c) => c.header);
    const lines = tooMany().map((r) =>
      TEMPLATE_COLUMNS.map((c) => {
        const v = (r as Record<string, unknown>)[c.key];
        return c.key === 'stage' ? '实际付费' : v === null || v === undefined ? '' : String(v);
      }),
    );
    const csv = `\uFEFF${Papa.unparse([header, ...lines], { newline: '\r\n' })}`;
    const res = await upload(bureau, '2023Q2', 'quarter.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.errors[0]).toMatchObject({ code: 'tooManyRows', path: '/file' });
    expect(problem.errors[0].zh).toContain(String(MAX_ROWS));
    expect(problem.errors[0].en).toContain(`${MAX_ROWS + 1} data rows`);
    expect(await storedRows(bureau, '2023Q2')).toBeNull();
  });
});
