/**
 * `npm run bench`: the issue-15 goals, measured in one run on this machine.
 *
 *   For each scale (synthetic.ts: national ~400 regions, ten times ~4,000, 40 quarters each) a
 *   fresh database, the app as `npm start` runs it, and
 *   - comparison / trajectory / progress: the first read after the data changed (the engine
 *     runs), then p50 / p99 of kept reads, against the same aggregate as one SQL query (`pg`);
 *   - throughput at 16 concurrent clients against plain node:http serving the same bytes;
 *   - ten times only: a 400-row quarter saved and imported (XLSX) against the same rows
 *     replaced by hand in SQL;
 *   - national only: the overview in headless Chromium (browser.ts).
 *
 * Options: `-- --scale national|tenfold` (default both), `-- --no-browser`, `-- --writes-only`
 * (ten times, the big province's quarters only, the save and import alone: quick to iterate on). The database server
 * is BENCH_DATABASE_URL (or TEST_DATABASE_URL), else a throwaway embedded PostgreSQL.
 * Prints a markdown table with the goals; exits 1 when a goal fails. Takes a few minutes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { buildDashboard } from '../e2e/build.ts';
import { type BudgetRow, measureBrowser } from './browser.ts';
import { benchScale, type Read, type ScaleResult } from './scale.ts';

const args = process.argv.slice(2);
const only = args.includes('--scale') ? args[args.indexOf('--scale') + 1] : null;
const writesOnly = args.includes('--writes-only');
const browser = !args.includes('--no-browser') && !writesOnly;

const GOAL = { national: 1.3, tenfold: 1.5, ceiling: 0.7, writes: 3, startMs: 3000 };
const f = (x: number, d = 1) => x.toFixed(d);
const log = (s: string) => console.log(s);

async function databaseServer() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) return { url, stop: async () => {} };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-bench-'));
  // as root the cluster runs as `postgres`, which must be able to enter the folder (mkdtemp makes it 0700)
  await fs.chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: dir,
    database: 'postgres',
    port: 56000 + (process.pid % 1000),
    persistent: false,
  });
  return {
    url: pg.url,
    stop: async () => {
      await pg.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

function table(results: ScaleResult[], budgets: BudgetRow[]): BudgetRow[] {
  const rows: BudgetRow[] = [];
  const byScale = Object.fromEntries(results.map((r) => [r.scale, r]));
  for (const r of results) {
    const goal = r.scale === 'national' ? GOAL.national : GOAL.tenfold;
    for (const [read, m] of Object.entries(r.reads) as [Read, ScaleResult['reads'][Read]][]) {
      const ratio = m.app.p99 / m.sql.p99;
      rows.push({
        figure: `${r.scale} ${read}: p50 / p99 (SQL p50 / p99), ${f(m.bytes / 1024)} KB gzip, first read ${f(m.coldMs, 0)} ms`,
        value: `${f(m.app.p50)} / ${f(m.app.p99)} ms (${f(m.sql.p50)} / ${f(m.sql.p99)} ms): ${f(ratio, 2)}×`,
        budget: read === 'progress' ? `(${goal}×, informational)` : `≤ ${goal}× SQL`,
        pass: read === 'progress' ? null : ratio <= goal,
      });
      const share = m.rps.app / m.rps.ceiling;
      rows.push({
        figure: `${r.scale} ${read}: requests/s at 16 clients vs node:http, same bytes`,
        value: `${f(m.rps.app, 0)} vs ${f(m.rps.ceiling, 0)}: ${f(share * 100, 0)} %`,
        budget: `≥ ${GOAL.ceiling * 100} %`,
        pass: share >= GOAL.ceiling,
      });
    }
    if (!writesOnly)
      rows.push({
        figure: `${r.scale}: \`npm start\` on existing data, spawn → listening`,
        value: `${f(r.startMs, 0)} ms`,
        budget: `≤ ${GOAL.startMs} ms`,
        pass: r.startMs <= GOAL.startMs,
      });
    if (r.writes) {
      const w = r.writes;
      for (const [what, m] of [
        ['save (PUT, audit included)', w.save],
        ['XLSX import', w.importXlsx],
      ] as const)
        rows.push({
          figure: `${r.scale}: ${w.rows}-row quarter ${what}, p50 (SQL by hand p50: upsert / delete + insert)`,
          value: `${f(m.p50, 0)} ms (${f(w.sqlUpsert.p50, 0)} / ${f(w.sqlReplace.p50, 0)} ms): ${f(m.p50 / w.sql.p50, 1)}×`,
          budget: `≤ ${GOAL.writes}× SQL`,
          pass: m.p50 / w.sql.p50 <= GOAL.writes,
        });
      rows.push({
        figure: `${r.scale}: the same, the first ten after the app started, p50: save / import (SQL by hand)`,
        value: `${f(w.firstTen.save, 0)} / ${f(w.firstTen.importXlsx, 0)} ms (${f(w.firstTen.sql, 0)} ms): ${f(w.firstTen.save / w.firstTen.sql, 1)}× / ${f(w.firstTen.importXlsx / w.firstTen.sql, 1)}×`,
        budget: '(informational)',
        pass: null,
      });
    }
  }
  const [n, t] = [byScale.national, byScale.tenfold];
  if (n && t)
    for (const read of ['comparison', 'trajectory', 'progress'] as Read[]) {
      // data touched: every row of the quarter (comparison) or every row of the province
      const touched =
        read === 'comparison' ? t.data.regions / n.data.regions : provinceGrowth(n, t);
      const growth = t.reads[read].app.p99 / n.reads[read].app.p99;
      rows.push({
        figure: `growth national → ten times, ${read} p99 (data touched ×${f(touched)})`,
        value: `${f(growth, 1)}×`,
        budget: `≤ ${f(touched)}×`,
        pass: growth <= touched,
      });
    }
  return [...rows, ...budgets];
}

/** Liaoning: 14 regions at national scale, 400 at ten times. */
const provinceGrowth = (_n: ScaleResult, _t: ScaleResult) => 400 / 14;

function print(rows: BudgetRow[]) {
  const w = [
    Math.max(...rows.map((r) => r.figure.length)),
    Math.max(...rows.map((r) => r.value.length)),
    Math.max(...rows.map((r) => r.budget.length)),
  ];
  const line = (a: string, b: string, c: string, d: string) =>
    `| ${a.padEnd(w[0]!)} | ${b.padEnd(w[1]!)} | ${c.padEnd(w[2]!)} | ${d.padEnd(6)} |`;
  console.log(line('figure', 'measured', 'goal', 'result'));
  console.log(`|${w.map((x) => '-'.repeat(x + 2)).join('|')}|--------|`);
  for (const r of rows)
    console.log(
      line(r.figure, r.value, r.budget, r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL'),
    );
}

async function main() {
  const cpu = os.cpus();
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${f(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os
      .loadavg()
      .map((x) => f(x, 2))
      .join(' ')}`,
  );
  if (browser && only !== 'tenfold') {
    log('Building the dashboard…');
    buildDashboard({ force: false });
  }
  const server = await databaseServer();
  const results: ScaleResult[] = [];
  let budgets: BudgetRow[] = [];
  try {
    for (const scale of ['national', 'tenfold'] as const) {
      if ((only && only !== scale) || (writesOnly && scale !== 'tenfold')) continue;
      results.push(
        await benchScale(server.url, scale, {
          writes: scale === 'tenfold',
          writesOnly,
          log,
          withApp:
            browser && scale === 'national'
              ? async (base) => {
                  log('  the overview in Chromium…');
                  budgets = await measureBrowser(base);
                }
              : undefined,
        }),
      );
    }
  } finally {
    await server.stop();
  }
  console.log('');
  const rows = table(results, budgets);
  print(rows);
  const failed = rows.filter((r) => r.pass === false);
  if (failed.length) {
    console.error(`\n${failed.length} goal(s) not met.`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
