/**
 * The migration that adds the paid institutions' cases (the plans' 入组率) and the plans'
 * reporting duties, applied to a database that already holds a bureau's report.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, migrationsDir, readMigrations } from '../../server/db/migrate.ts';

const MIGRATION = 'report_paid_cases_reporting_duty';
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

async function emptyDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  const name = `drgdip_m_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanup.push(async () => {
    const c = new pg.Client({ connectionString: inject('adminUrl') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const u = new URL(inject('adminUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

/** The migrations as they stood before this one: a copy of the folder up to it. */
async function migrationsBefore(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-before-'));
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  const all = await readMigrations(migrationsDir);
  for (const m of all.slice(
    0,
    all.findIndex((m) => m.name.endsWith(name)),
  )) {
    await fs.mkdir(path.join(dir, m.name));
    await fs.writeFile(path.join(dir, m.name, 'migration.sql'), m.sql);
  }
  return dir;
}

describe(`migration ${MIGRATION}`, () => {
  it('keeps every figure of a report saved before it; the new counts start empty', async () => {
    const url = await emptyDatabase();
    await applyMigrations(url, await migrationsBefore(MIGRATION));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    cleanup.unshift(() => c.end());
    await c.query(
      `INSERT INTO province (code, name_zh, name_en, short_zh, kind, sort_order) VALUES ('430000', '湖南省', 'Hunan', '湘', 'province', 1)`,
    );
    const region = await c.query(
      `INSERT INTO coordinating_region (code, province_code, name_zh, name_en, kind, code_source, sort_order) VALUES ('430100', '430000', '长沙市', 'Changsha', 'prefecture', 'GB/T 2260', 1) RETURNING id`,
    );
    const report = await c.query(
      `INSERT INTO report (province_code, period, status, updated_at) VALUES ('430000', '2023Q4', 'accepted', now()) RETURNING id`,
    );
    const figures = `method, stage, eligible_institutions, covered_institutions, inpatient_cases, grouped_cases, inpatient_fund, drg_dip_fund, subset_eligible_institutions, subset_covered_institutions, note`;
    await c.query(
      `INSERT INTO report_row (report_id, region_id, ${figures}) VALUES ($1, $2, 'DRG', 'actual', 120, 48, 50000, 28500, 80000.50, 30000.25, 30, 20, '旧报表')`,
      [report.rows[0].id, region.rows[0].id],
    );
    const before = (await c.query(`SELECT ${figures} FROM report_row`)).rows;

    expect((await applyMigrations(url))[0]).toMatch(new RegExp(`_${MIGRATION}$`));
    const after = await c.query(
      `SELECT ${figures}, paid_institution_cases, paid_institution_grouped_cases FROM report_row`,
    );
    expect(after.rows).toEqual([
      { ...before[0], paid_institution_cases: null, paid_institution_grouped_cases: null },
    ]);
    // the database refuses a half-given pair, as the API does
    await expect(c.query(`UPDATE report_row SET paid_institution_cases = 100`)).rejects.toThrow(
      /report_row_paid_cases_consistent/,
    );
  });
});
