/**
 * A full quarter of the 400-region province written four ways, in turns: the app's save (PUT,
 * audit included), the app's XLSX import of the same rows, and the same rows written by hand in
 * SQL, both as delete + insert and as the app's one upsert statement (the faster is the
 * reference).
 */
import type pg from 'pg';
import { signInBenchEditor, timedPut, timedUpload, WARM_UP } from './bureau.ts';
import { percentile, request } from './load.ts';
import { type RowFigures, replaceQuarterSql, upsertQuarterSql } from './raw-sql.ts';
import { BIG_PROVINCE } from './synthetic.ts';

export interface Writes {
  rows: number;
  /** the first writes after the app started (the warm-up's first ten), p50: informational */
  firstTen: { save: number; importXlsx: number; sql: number };
  save: { p50: number; p99: number };
  importXlsx: { p50: number; p99: number };
  /** the faster of the two ways by hand below: the reference */
  sql: { p50: number; p99: number };
  sqlReplace: { p50: number; p99: number };
  sqlUpsert: { p50: number; p99: number };
}

const PERIOD = '2024Q4';
const N = Number(process.env.BENCH_WRITES ?? 24);

const STAGE_OUT: Record<string, string> = {
  not_started: 'notStarted',
  preparing: 'preparing',
  simulated: 'simulated',
  actual: 'actual',
};

const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });

async function timed(write: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await write();
  return performance.now() - t0;
}

export async function measureWrites(
  base: string,
  client: pg.Client,
  log: (s: string) => void,
): Promise<Writes> {
  // the quarter is back with the bureau (as after a reviewer returns it): editable
  await client.query(
    `UPDATE report SET status = 'returned' WHERE province_code = $1 AND period = $2`,
    [BIG_PROVINCE, PERIOD],
  );
  const { rows } = await client.query<RowFigures & { code: string }>(
    `SELECT g.code, rr.region_id AS "regionId", rr.stage, rr.method,
       rr.eligible_institutions AS eligible, rr.covered_institutions AS covered,
       rr.inpatient_cases AS cases, rr.grouped_cases AS grouped,
       rr.inpatient_fund::text AS fund, rr.drg_dip_fund::text AS "drgDipFund"
     FROM report r JOIN report_row rr ON rr.report_id = r.id JOIN coordinating_region g ON g.id = rr.region_id
     WHERE r.province_code = $1 AND r.period = $2 ORDER BY g.sort_order`,
    [BIG_PROVINCE, PERIOD],
  );
  const body = JSON.stringify({
    rows: rows.map((r) => ({
      regionCode: r.code,
      method: r.method,
      stage: STAGE_OUT[r.stage],
      eligibleInstitutions: r.eligible,
      coveredInstitutions: r.covered,
      inpatientCases: r.cases,
      groupedCases: r.grouped,
      inpatientFund: r.fund,
      drgDipFund: r.drgDipFund,
    })),
  });

  const editor = await signInBenchEditor(base);
  const url = `${base}/api/provinces/${BIG_PROVINCE}/reports/${PERIOD}`;
  const template = (
    await request(`${url}/template?format=xlsx`, { headers: { cookie: editor.cookie } })
  ).body;
  const file = { bytes: template, name: 'quarter.xlsx' };
  // The four ways in turns, round after round: this machine's own speed moves by a third
  // within minutes (README), and a ratio of two phases run a minute apart measured that too.
  // Every write's time is kept, warm-up included: the first ten are shown beside, the rest timed.
  const all: number[][] = [[], [], [], []];
  const ways: (() => Promise<number>)[] = [
    () => timedPut(editor, url, url, body),
    () => timedUpload(editor, url, `${url}/import`, file),
    () => timed(() => replaceQuarterSql(client, BIG_PROVINCE, PERIOD, rows)),
    () => timed(() => upsertQuarterSql(client, BIG_PROVINCE, PERIOD, rows)),
  ];
  for (let i = -WARM_UP; i < N; i++)
    for (const [k, write] of ways.entries()) all[k]!.push(await write());
  const [save, imports, replaced, upserted] = all.map((xs) => xs.slice(WARM_UP)) as [
    number[],
    number[],
    number[],
    number[],
  ];
  const firstTen = all.map((xs) => percentile(xs.slice(0, 10), 50));
  log(`  save of ${rows.length} rows: p50 ${percentile(save, 50).toFixed(0)} ms`);
  log(`  import of ${rows.length} rows: p50 ${percentile(imports, 50).toFixed(0)} ms`);
  const [r, u] = [stats(replaced), stats(upserted)];
  log(
    `  SQL by hand: delete + insert p50 ${r.p50.toFixed(0)} ms, one upsert statement p50 ${u.p50.toFixed(0)} ms`,
  );
  return {
    rows: rows.length,
    firstTen: {
      save: firstTen[0]!,
      importXlsx: firstTen[1]!,
      sql: Math.min(firstTen[2]!, firstTen[3]!),
    },
    save: stats(save),
    importXlsx: stats(imports),
    sql: r.p50 <= u.p50 ? r : u,
    sqlReplace: r,
    sqlUpsert: u,
  };
}
