/**
 * `npx tsx tests/bench/institutions.ts` (or `npm run bench:institutions`): institution-level
 * detail at national scale — 60,000 institutions under the ~400 seeded regions, 40 quarters
 * (2.4 M institution-quarters, written through `pg`, every region row set to its institutions'
 * roll-up) — with the app running as `npm start` runs it, and measured against the database:
 *
 * - the largest province-quarter's institutions saved through the API (`PUT …/institutions`,
 *   JSON; checks, register, roll-up, audit and data version included) and imported as CSV,
 *   against the same replacement by hand in SQL (delete, one INSERT … unnest, the roll-up
 *   UPDATE, version bump) — goal ≤ 3×;
 * - the comparison and that province's trajectory with the 60,000 institutions present, p50 /
 *   p99 against the same aggregate as one SQL query — goal ≤ 1.3×; beside it, the aggregate
 *   over the institution rows themselves (what the dashboards would cost without the roll-up);
 * - reading the quarter back: one page of 1,000 institutions, and the whole quarter as CSV.
 *
 * BENCH_INSTITUTIONS (default 60000), BENCH_DATABASE_URL / TEST_DATABASE_URL (else
 * postgresql://postgres@127.0.0.1:5432/postgres). Prints a markdown table; exits 1 when a goal
 * fails. Takes a few minutes (the 2.4 M rows are most of it).
 */
import os from 'node:os';
import pg from 'pg';
import { createDb } from '../../server/db/client.ts';
import { applyMigrations } from '../../server/db/migrate.ts';
import type { InstitutionFigures } from '../../server/modules/institutions/roll-up.ts';
import { loadReferenceData } from '../../server/modules/reference/load.ts';
import { createUser } from '../../server/modules/users/service.ts';
import { signInBenchEditor, timedPut, timedUpload, WARM_UP } from './bureau.ts';
import { latency, pairedLatency, percentile, request, timed } from './load.ts';
import { type Running, startApp, stop } from './processes.ts';
import { comparisonSql, trajectorySql } from './raw-sql.ts';
import { generate } from './synthetic.ts';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 60_000);
/** reads timed each way: 200, so that p99 is the third slowest (as scale.ts) */
const N = Number(process.env.BENCH_REQUESTS ?? 200);
const WRITES = Number(process.env.BENCH_WRITES ?? 8);
const PERIOD = '2024Q4';
const GOAL = { reads: 1.3, writes: 3 };
const admin =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';
const f = (x: number, d = 1) => x.toFixed(d);
const load = () =>
  os
    .loadavg()
    .map((x) => f(x, 2))
    .join(' ');

/** One institution's quarter as the bench writes it: the roll-up's figures, and where it sits. */
type Fact = InstitutionFigures & { institutionCode: string; regionCode: string };

/** The institutions' quarter replaced by hand, as the API's save does it, without the app. */
async function replaceSql(client: pg.Client, reportId: number, facts: Fact[], province: string) {
  await client.query('BEGIN');
  try {
    await client.query('SELECT id FROM report WHERE id = $1 FOR UPDATE', [reportId]);
    await client.query('DELETE FROM institution_quarter WHERE report_id = $1', [reportId]);
    await client.query(
      `INSERT INTO institution_quarter (report_id, institution_id, eligible, paid, method,
         inpatient_cases, grouped_cases, inpatient_fund, drg_dip_fund)
       SELECT $1, * FROM unnest($2::int[], $3::boolean[], $4::boolean[], $5::"PaymentMethod"[],
         $6::int[], $7::int[], $8::numeric[], $9::numeric[])`,
      [
        reportId,
        facts.map((x) => x.institutionId),
        facts.map((x) => x.eligible),
        facts.map((x) => x.paid),
        facts.map((x) => x.method),
        facts.map((x) => x.inpatientCases),
        facts.map((x) => x.groupedCases),
        facts.map((x) => x.inpatientFund),
        facts.map((x) => x.drgDipFund),
      ],
    );
    await client.query(ROLL_UP, [reportId]);
    await client.query(
      'UPDATE report SET version = version + 1, updated_at = now() WHERE id = $1',
      [reportId],
    );
    await client.query(
      `INSERT INTO data_version (scope, version) VALUES ($1, 1)
       ON CONFLICT (scope) DO UPDATE SET version = data_version.version + 1`,
      [province],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

/** The roll-up of roll-up.ts, for one report ($1) or, with $1 null, every report. */
const ROLL_UP = `
  UPDATE report_row rr SET
    eligible_institutions = x.eligible, covered_institutions = x.covered,
    inpatient_cases = x.cases, grouped_cases = x.grouped,
    paid_institution_cases = x.paid_cases, paid_institution_grouped_cases = x.paid_grouped,
    inpatient_fund = x.fund, drg_dip_fund = x.drg_dip_fund,
    subset_eligible_institutions = x.subset_eligible, subset_covered_institutions = x.subset_covered
  FROM (
    SELECT f.report_id, i.region_id,
      count(*) FILTER (WHERE f.eligible)::int AS eligible,
      count(*) FILTER (WHERE f.eligible AND f.paid)::int AS covered,
      sum(f.inpatient_cases)::int AS cases, sum(f.grouped_cases)::int AS grouped,
      coalesce(sum(f.inpatient_cases) FILTER (WHERE f.paid), 0)::int AS paid_cases,
      coalesce(sum(f.grouped_cases) FILTER (WHERE f.paid), 0)::int AS paid_grouped,
      sum(f.inpatient_fund) AS fund, sum(f.drg_dip_fund) AS drg_dip_fund,
      count(*) FILTER (WHERE f.eligible AND i.secondary_public)::int AS subset_eligible,
      count(*) FILTER (WHERE f.eligible AND f.paid AND i.secondary_public)::int AS subset_covered
    FROM institution_quarter f JOIN institution i ON i.id = f.institution_id
    WHERE $1::int IS NULL OR f.report_id = $1
    GROUP BY f.report_id, i.region_id) x
  WHERE rr.report_id = x.report_id AND rr.region_id = x.region_id`;

/** What the dashboards would read without the roll-up: every institution row of the quarter. */
const institutionComparisonSql = (client: pg.Client) =>
  client.query(
    `SELECT rep.province_code, count(*) FILTER (WHERE f.eligible AND f.paid),
       count(*) FILTER (WHERE f.eligible), sum(f.grouped_cases), sum(f.inpatient_cases),
       sum(f.drg_dip_fund), sum(f.inpatient_fund)
     FROM institution_quarter f JOIN report rep ON rep.id = f.report_id
     WHERE rep.period = $1 AND rep.status IN ('submitted', 'accepted')
     GROUP BY rep.province_code`,
    [PERIOD],
  );

interface Row {
  figure: string;
  value: string;
  goal: string;
  pass: boolean | null;
}

async function main() {
  const cpu = os.cpus();
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${f(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${load()}`,
  );
  const name = `drgdip_bench_inst_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const client = new pg.Client({ connectionString: url });
  let app: Running | null = null;
  const rows: Row[] = [];
  try {
    await applyMigrations(url);
    const db = createDb(url);
    await loadReferenceData(db);
    await client.connect();
    await generate(client, 'national');
    let t0 = performance.now();
    await client.query(
      `INSERT INTO institution (code, region_id, name_zh, secondary_public)
       SELECT 'H' || lpad(i::text, 6, '0'), r.id, '机构' || i, i % 5 = 0
       FROM generate_series(1, $1) i
       JOIN LATERAL (SELECT id FROM coordinating_region ORDER BY id
         OFFSET (i % (SELECT count(*) FROM coordinating_region)) LIMIT 1) r ON true`,
      [INSTITUTIONS],
    );
    // every row obeys the save's checks: paid ones are eligible and name their method,
    // grouped ≤ cases, DRG/DIP fund ≤ inpatient fund
    await client.query(
      `INSERT INTO institution_quarter (report_id, institution_id, eligible, paid, method,
         inpatient_cases, grouped_cases, inpatient_fund, drg_dip_fund)
       SELECT rep.id, i.id, i.id % 17 <> 0, p.paid, CASE WHEN p.paid THEN 'DRG'::"PaymentMethod" END,
         1000 + i.id % 500, 900 + i.id % 100, 500 + (i.id % 100), CASE WHEN p.paid THEN 300 + (i.id % 50) ELSE 0 END
       FROM report rep JOIN coordinating_region g ON g.province_code = rep.province_code
         JOIN institution i ON i.region_id = g.id
         CROSS JOIN LATERAL (SELECT i.id % 17 <> 0 AND (i.id + rep.id) % 3 <> 0 AS paid) p`,
    );
    await client.query(ROLL_UP, [null]);
    // the load's dead rows and visibility settled now, not by autovacuum during the measuring
    await client.query('VACUUM ANALYZE');
    const facts = (await client.query('SELECT count(*)::int AS n FROM institution_quarter')).rows[0]
      .n;
    console.log(
      `${INSTITUTIONS} institutions, ${facts} institution-quarters (region rows rolled up) in ${f((performance.now() - t0) / 1000)} s`,
    );

    const { rows: big } = await client.query(
      `SELECT rep.id, rep.province_code, count(*)::int AS n FROM report rep
       JOIN institution_quarter f ON f.report_id = rep.id WHERE rep.period = $1
       GROUP BY rep.id ORDER BY n DESC LIMIT 1`,
      [PERIOD],
    );
    const reportId = big[0].id as number;
    const province = big[0].province_code as string;
    await createUser(
      db,
      {
        username: 'bench-editor',
        displayName: 'bench',
        password: 'Bench-password-1!',
        role: 'editor',
        provinceCode: province,
      },
      'system',
    );
    await db.$disconnect();
    const quarter: Fact[] = (
      await client.query(
        `SELECT i.code AS "institutionCode", g.code AS "regionCode", f.institution_id AS "institutionId",
           f.eligible, f.paid, f.method, f.inpatient_cases AS "inpatientCases",
           f.grouped_cases AS "groupedCases", f.inpatient_fund::text AS "inpatientFund",
           f.drg_dip_fund::text AS "drgDipFund"
         FROM institution_quarter f JOIN institution i ON i.id = f.institution_id
           JOIN coordinating_region g ON g.id = i.region_id
         WHERE f.report_id = $1 ORDER BY g.sort_order, i.code`,
        [reportId],
      )
    ).rows;

    console.log(`starting the app… (load ${load()})`);
    app = await startApp(url);
    const base = app.base;

    // reads with the institutions present: the first after the data changed, then kept ones
    const reads = {
      comparison: {
        path: `/api/comparison?period=${PERIOD}&dimension=all`,
        sql: () => comparisonSql(client, PERIOD),
      },
      trajectory: {
        path: `/api/provinces/${province}/trajectory?dimension=institutions`,
        sql: () => trajectorySql(client, province),
      },
    };
    for (const [key, r] of Object.entries(reads)) {
      const cold = await request(`${base}${r.path}`, { headers: { 'accept-encoding': 'gzip' } });
      if (cold.status !== 200) throw new Error(`${r.path}: ${cold.status}`);
      const { app, sql } = await pairedLatency(`${base}${r.path}`, r.sql, N);
      const ratio = app.p99 / sql.p99;
      rows.push({
        figure: `${key} with ${INSTITUTIONS} institutions: p50 / p99 (SQL p50 / p99), first read ${f(cold.ms, 0)} ms`,
        value: `${f(app.p50)} / ${f(app.p99)} ms (${f(sql.p50)} / ${f(sql.p99)} ms): ${f(ratio, 2)}×`,
        goal: `≤ ${GOAL.reads}× SQL`,
        pass: ratio <= GOAL.reads,
      });
    }
    const overFacts = await timed(5, () => institutionComparisonSql(client));
    rows.push({
      figure: `the same quarter aggregated over the institution rows themselves (no roll-up), SQL`,
      value: `p50 ${f(overFacts.p50, 0)} ms`,
      goal: '(informational)',
      pass: null,
    });

    // writes: the largest province-quarter, as a bureau sends it
    await client.query(`UPDATE report SET status = 'returned' WHERE id = $1`, [reportId]);
    const editor = await signInBenchEditor(base);
    const reportUrl = `${base}/api/provinces/${province}/reports/${PERIOD}`;
    const body = JSON.stringify({
      rows: quarter.map(({ institutionId: _, ...r }) => r),
    });
    const csv = await request(`${reportUrl}/institutions?format=csv`, {
      headers: { cookie: editor.cookie },
    });
    // the three ways in turns, round after round (as writes.ts: the machine's speed drifts)
    const save: number[] = [];
    const imports: number[] = [];
    const sql: number[] = [];
    for (let i = -WARM_UP; i < WRITES; i++) {
      const saved = await timedPut(editor, reportUrl, `${reportUrl}/institutions`, body);
      const imported = await timedUpload(editor, reportUrl, `${reportUrl}/institutions/import`, {
        bytes: csv.body,
        name: 'institutions.csv',
      });
      t0 = performance.now();
      await replaceSql(client, reportId, quarter, province);
      const replaced = performance.now() - t0;
      if (i < 0) continue;
      save.push(saved);
      imports.push(imported);
      sql.push(replaced);
    }
    const sqlP50 = percentile(sql, 50);
    for (const [what, xs] of [
      ['save (PUT …/institutions, JSON)', save],
      ['CSV import', imports],
    ] as const) {
      const ratio = percentile(xs, 50) / sqlP50;
      rows.push({
        figure: `${province} ${PERIOD}, ${quarter.length} institutions: ${what}, p50 (SQL replace p50)`,
        value: `${f(percentile(xs, 50), 0)} ms (${f(sqlP50, 0)} ms): ${f(ratio, 1)}×`,
        goal: `≤ ${GOAL.writes}× SQL`,
        pass: ratio <= GOAL.writes,
      });
    }
    const page = await latency(`${reportUrl}/institutions?limit=1000`, 10, {
      cookie: editor.cookie,
      'accept-encoding': 'gzip',
    });
    const exportCsv = await timed(3, () =>
      request(`${reportUrl}/institutions?format=csv`, { headers: { cookie: editor.cookie } }),
    );
    rows.push({
      figure: `reading the quarter back: a page of 1,000 institutions p50; the whole quarter as CSV p50`,
      value: `${f(page.p50, 0)} ms; ${f(exportCsv.p50, 0)} ms (${f(csv.bytes / 1024, 0)} KB)`,
      goal: '(informational)',
      pass: null,
    });
  } finally {
    if (app) await stop(app);
    await client.end().catch(() => {});
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
  console.log(`\nload at the end ${load()}\n`);
  console.log('| figure | measured | goal | result |\n| --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.figure} | ${r.value} | ${r.goal} | ${r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL'} |`,
    );
  if (rows.some((r) => r.pass === false)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
