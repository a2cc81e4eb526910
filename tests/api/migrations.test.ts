import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { StartupError } from '../../server/db/errors.ts';
import {
  applyMigrations,
  diffSchemas,
  migrationsDir,
  pendingSchemaChanges,
  readMigrations,
  schemaPath,
} from '../../server/db/migrate.ts';
import { freshDatabase } from './helper.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

async function emptyDatabase() {
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  const name = `drgdip_m_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(inject('adminUrl'));
  u.pathname = `/${name}`;
  drops.push(async () => {
    const c = new pg.Client({ connectionString: inject('adminUrl') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return u.toString();
}

/** Tables, columns, keys, indexes and enums as PostgreSQL sees them (hand-written CHECKs and rules left out). */
async function catalog(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = async (sql: string) => (await c.query(sql)).rows.map((r) => JSON.stringify(r)).sort();
  const out = {
    columns: await q(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    ),
    constraints: await q(
      `SELECT tc.table_name, tc.constraint_name, tc.constraint_type FROM information_schema.table_constraints tc WHERE tc.table_schema = 'public' AND tc.constraint_type <> 'CHECK' AND tc.table_name <> '_prisma_migrations'`,
    ),
    indexes: await q(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    ),
    enums: await q(
      `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`,
    ),
  };
  await c.end();
  return out;
}

describe('migrations', () => {
  it('schema.prisma has no change that the migrations lack', async () => {
    expect(await pendingSchemaChanges(inject('adminUrl'))).toBe('');
  });

  it('applying the migrations gives the same database as schema.prisma describes', async () => {
    const viaMigrations = await emptyDatabase();
    await applyMigrations(viaMigrations);
    const direct = await emptyDatabase();
    const sql = await diffSchemas(inject('adminUrl'), null, await fs.readFile(schemaPath, 'utf8'));
    const c = new pg.Client({ connectionString: direct });
    await c.connect();
    await c.query(sql);
    await c.end();
    expect(await catalog(viaMigrations)).toEqual(await catalog(direct));
  });

  it("keeps the audit's states uncompressed, which schema.prisma cannot say", async () => {
    const db = await freshDatabase();
    drops.push(db.drop);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(
      `SELECT attname, attstorage FROM pg_attribute
       WHERE attrelid = 'audit_event'::regclass AND attname IN ('before', 'after') ORDER BY attname`,
    );
    await c.end();
    // e: EXTERNAL, out of line and never compressed (x, the jsonb default, compresses)
    expect(rows).toEqual([
      { attname: 'after', attstorage: 'e' },
      { attname: 'before', attstorage: 'e' },
    ]);
  });

  it('a second run applies nothing', async () => {
    const db = await freshDatabase();
    drops.push(db.drop);
    expect(await applyMigrations(db.url)).toEqual([]);
  });

  it('a migration that fails leaves the database as it was and can be fixed and re-run', async () => {
    const url = await emptyDatabase();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-mig-'));
    const first = (await readMigrations(migrationsDir))[0]!;
    await fs.mkdir(path.join(dir, first.name));
    await fs.writeFile(path.join(dir, first.name, 'migration.sql'), first.sql);
    const bad = '29990101000000_broken';
    await fs.mkdir(path.join(dir, bad));
    await fs.writeFile(
      path.join(dir, bad, 'migration.sql'),
      'BEGIN;\nCREATE TABLE "half_done" (id int);\nALTER TABLE "no_such_table" ADD COLUMN x int;\nCOMMIT;\n',
    );
    await expect(applyMigrations(url, dir)).rejects.toBeInstanceOf(StartupError);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const half = await c.query(`SELECT to_regclass('public.half_done') AS t`);
    expect(half.rows[0].t).toBeNull();
    const failed = await c.query(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL`,
    );
    expect(failed.rowCount).toBe(0);
    await fs.writeFile(
      path.join(dir, bad, 'migration.sql'),
      'BEGIN;\nCREATE TABLE "half_done" (id int);\nCOMMIT;\n',
    );
    expect(await applyMigrations(url, dir)).toEqual([bad]);
    await c.end();
    await fs.rm(dir, { recursive: true, force: true });
  });
});
