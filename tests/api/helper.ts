/** Each test file gets its own database copied from the template, and the same app factory the server uses. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, type Db } from '../../server/db/client.ts';

export interface TestContext {
  app: App;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const u = new URL(inject('adminUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

export async function freshDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `drgdip_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`);
  await admin.end();
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: inject('adminUrl') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function build(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await freshDatabase();
  const db = createDb(database.url);
  const config = loadConfig({ ...env, DATABASE_URL: database.url });
  const app = await buildApp({ db, config });
  await app.ready();
  return {
    app,
    db,
    url: database.url,
    close: async () => {
      await app.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
