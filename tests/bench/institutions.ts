/**
 * `npx tsx tests/bench/institutions.ts`: institution-level detail at national scale — 60,000
 * institutions under the ~400 seeded regions, 40 quarters (2.4 M institution-quarters, through
 * `pg`), then the roll-up into region rows (server/modules/institutions/roll-up.ts) timed for
 * the largest province's quarter and for one quarter of every province, against the SQL that
 * only reads the same aggregate. The dashboards read region rows, so their cost does not
 * change with the number of institutions (see scale.ts for theirs).
 */
import pg from 'pg';
import { createDb } from '../../server/db/client.ts';
import { applyMigrations } from '../../server/db/migrate.ts';
import { replaceInstitutionQuarter } from '../../server/modules/institutions/roll-up.ts';
import { loadReferenceData } from '../../server/modules/reference/load.ts';
import { timed } from './load.ts';
import { generate } from './synthetic.ts';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 60_000);
const admin = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `drgdip_bench_inst_${process.pid}`;
const c = new pg.Client({ connectionString: admin });
await c.connect();
await c.query(`CREATE DATABASE ${name}`);
const u = new URL(admin);
u.pathname = `/${name}`;
const url = u.toString();
const client = new pg.Client({ connectionString: url });
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
     JOIN LATERAL (SELECT id FROM coordinating_region ORDER BY id OFFSET (i % (SELECT count(*) FROM coordinating_region)) LIMIT 1) r ON true`,
    [INSTITUTIONS],
  );
  await client.query(
    `INSERT INTO institution_quarter (report_id, institution_id, eligible, paid, method,
       inpatient_cases, grouped_cases, inpatient_fund, drg_dip_fund)
     SELECT rep.id, i.id, (i.id % 17) <> 0, (i.id + rep.id) % 3 <> 0, 'DRG',
       1000 + i.id % 500, 900 + i.id % 400, 500 + (i.id % 100), 300 + (i.id % 50)
     FROM report rep JOIN coordinating_region g ON g.province_code = rep.province_code
       JOIN institution i ON i.region_id = g.id`,
  );
  await client.query('ANALYZE');
  const facts = (await client.query('SELECT count(*)::int AS n FROM institution_quarter')).rows[0]
    .n;
  console.log(
    `${INSTITUTIONS} institutions, ${facts} institution-quarters written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const { rows: big } = await client.query(
    `SELECT rep.id, rep.province_code, count(*)::int AS n FROM report rep
     JOIN institution_quarter f ON f.report_id = rep.id WHERE rep.period = '2024Q4'
     GROUP BY rep.id ORDER BY n DESC LIMIT 1`,
  );
  const report = { id: big[0].id as number, provinceCode: big[0].province_code as string };
  const figures = (
    await client.query(
      `SELECT institution_id AS "institutionId", eligible, paid, method,
         inpatient_cases AS "inpatientCases", grouped_cases AS "groupedCases",
         inpatient_fund::text AS "inpatientFund", drg_dip_fund::text AS "drgDipFund"
       FROM institution_quarter WHERE report_id = $1`,
      [report.id],
    )
  ).rows;
  const write = await timed(5, () =>
    db.$transaction((tx) => replaceInstitutionQuarter(tx, report, figures), { timeout: 60_000 }),
  );
  const readOne = await timed(5, () =>
    client.query(
      `SELECT i.region_id, count(*) FILTER (WHERE f.eligible), sum(f.inpatient_cases)
       FROM institution_quarter f JOIN institution i ON i.id = f.institution_id
       WHERE f.report_id = $1 GROUP BY i.region_id`,
      [report.id],
    ),
  );
  t0 = performance.now();
  const quarter = await client.query(
    `SELECT i.region_id, count(*) FILTER (WHERE f.eligible), sum(f.inpatient_cases)
     FROM institution_quarter f JOIN institution i ON i.id = f.institution_id
     JOIN report rep ON rep.id = f.report_id WHERE rep.period = '2024Q4' GROUP BY i.region_id`,
  );
  const allMs = performance.now() - t0;
  console.log(
    `province ${report.provinceCode} 2024Q4, ${figures.length} institutions: replace + roll-up p50 ${write.p50.toFixed(0)} ms (the roll-up read alone p50 ${readOne.p50.toFixed(0)} ms)`,
  );
  console.log(
    `one quarter, every province (${quarter.rowCount} regions): roll-up read ${allMs.toFixed(0)} ms`,
  );
  await db.$disconnect();
} finally {
  await client.end().catch(() => {});
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}
