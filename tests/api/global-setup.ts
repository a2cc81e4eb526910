/**
 * API tests run against a real PostgreSQL: TEST_DATABASE_URL when given, otherwise a
 * throwaway embedded server. Here we build one template database (migrations + reference
 * data); every test file then gets its own copy (CREATE DATABASE … TEMPLATE), so no test
 * depends on rows another test left.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../server/db/client.ts';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { applyMigrations } from '../../server/db/migrate.ts';
import { loadReferenceData } from '../../server/modules/reference/load.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgresHandle | null = null;
  let tmp: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-test-'));
    await fs.chmod(tmp, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: tmp,
      database: 'postgres',
      port: 55000 + (process.pid % 1000),
      persistent: false,
    });
    adminUrl = embedded.url;
  }
  const templateDb = `drgdip_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
  await admin.query(`CREATE DATABASE ${templateDb}`);
  const templateUrl = withDatabase(adminUrl, templateDb);
  await applyMigrations(templateUrl);
  const db = createDb(templateUrl);
  await loadReferenceData(db);
  await db.$disconnect();
  // CREATE DATABASE … TEMPLATE needs the template to have no other session
  await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [templateDb],
  );

  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
    await admin.end();
    if (embedded) await embedded.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  };
}
