/**
 * A real tracker for the browser tests and the benchmarks: the built dashboard, a fresh
 * database (a throwaway embedded PostgreSQL, or a new database on TEST_DATABASE_URL) with
 * migrations, reference data and demo progress to 2024Q4, accounts for each role, and the
 * same app factory `npm start` uses, listening on a free port.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb } from '../../server/db/client.ts';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { applyMigrations } from '../../server/db/migrate.ts';
import { loadDemo } from '../../server/modules/demo/load.ts';
import { loadReferenceData } from '../../server/modules/reference/load.ts';
import { createUser } from '../../server/modules/users/service.ts';

/** The accounts every run creates: name → role and province. */
export const ACCOUNTS = {
  reviewer: { role: 'reviewer', provinceCode: null, displayName: '国家审核 王' },
  editorLn: { role: 'editor', provinceCode: '210000', displayName: '辽宁填报 李' },
  editorLn2: { role: 'editor', provinceCode: '210000', displayName: '辽宁填报 张' },
  editorHn: { role: 'editor', provinceCode: '430000', displayName: '湖南填报 刘' },
  editorAh: { role: 'editor', provinceCode: '340000', displayName: '安徽填报 陈' },
  // enrols a second factor in sign-in-security.test.ts; no other test uses it
  editorFj: { role: 'editor', provinceCode: '350000', displayName: '福建填报 林' },
  admin: { role: 'admin', provinceCode: null, displayName: '系统管理员 赵' },
} as const;
export type AccountName = keyof typeof ACCOUNTS;

export interface Account {
  username: string;
  password: string;
  role: string;
  provinceCode: string | null;
  displayName: string;
}

export interface TrackerServer {
  baseUrl: string;
  accounts: Record<AccountName, Account>;
  stop(): Promise<void>;
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const name = `drgdip_e2e_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: external });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-e2e-'));
  await fs.chmod(tmp, 0o755);
  let embedded: EmbeddedPostgresHandle;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: tmp,
      database: 'drgdip_e2e',
      port: 56000 + (process.pid % 1000),
      persistent: false,
    });
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return {
    url: embedded.url,
    drop: async () => {
      await embedded.stop();
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}

export async function startTracker({
  until = '2024Q4',
}: {
  until?: string;
} = {}): Promise<TrackerServer> {
  const database = await freshDatabase();
  await applyMigrations(database.url);
  const db = createDb(database.url);
  try {
    await loadReferenceData(db);
    await loadDemo(db, { until });
    const accounts = {} as Record<AccountName, Account>;
    for (const [name, a] of Object.entries(ACCOUNTS) as [
      AccountName,
      (typeof ACCOUNTS)[AccountName],
    ][]) {
      const account = {
        username: `e2e-${name.toLowerCase()}`,
        password: `pw-${randomBytes(9).toString('hex')}`,
        role: a.role,
        provinceCode: a.provinceCode,
        displayName: a.displayName,
      };
      await createUser(
        db,
        {
          username: account.username,
          displayName: account.displayName,
          password: account.password,
          role: a.role,
          provinceCode: a.provinceCode,
        },
        'system',
      );
      accounts[name] = account;
    }
    const config = loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: 'never',
      // the sessions signed in once in global-setup serve the whole run, however long
      SESSION_IDLE_MINUTES: '600',
    });
    const app = await buildApp({ db, config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      accounts,
      stop: async () => {
        await app.close();
        await db.$disconnect();
        await database.drop();
      },
    };
  } catch (e) {
    await db.$disconnect();
    await database.drop();
    throw e;
  }
}
