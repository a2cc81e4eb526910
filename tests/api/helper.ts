/** Each test file gets its own database copied from the template, and the same app factory the server uses. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp } from '../../server/app.ts';
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

export async function freshDatabase(): Promise<{
  name: string;
  url: string;
  drop(): Promise<void>;
}> {
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

/** A clock a test moves by hand (idle timeouts, lockouts): `clock.now` is what the app reads. */
export function testClock(start = new Date()) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advanceMinutes(m: number) {
      t += m * 60_000;
    },
  };
}

export async function build(
  env: Record<string, string> = {},
  options: { now?: () => Date } = {},
): Promise<TestContext> {
  const database = await freshDatabase();
  const db = createDb(database.url);
  const config = loadConfig({ ...env, DATABASE_URL: database.url });
  const app = await buildApp({ db, config, now: options.now });
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

export interface Agent {
  username: string;
  password: string;
  cookie: string;
  csrf: string;
  /** headers for a write: session cookie and CSRF token */
  headers(extra?: Record<string, string>): Record<string, string>;
}

let counter = 0;

/** The session cookie a sign-in answer sets (`name=value`). */
export const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie'] as string | string[];
  return (Array.isArray(raw) ? raw[0]! : raw).split(';')[0]!;
};

/** Creates an account directly (as the user:create command does) and signs it in through the API. */
export async function signIn(
  ctx: TestContext,
  role: 'admin' | 'reviewer' | 'editor' | 'auditor',
  provinceCode: string | null = null,
): Promise<Agent> {
  const { createUser } = await import('../../server/modules/users/service.ts');
  const username = `${role}${provinceCode ?? ''}_${++counter}_${randomBytes(3).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await createUser(
    ctx.db,
    { username, displayName: username, password, role, provinceCode },
    'system',
  );
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const raw = res.headers['set-cookie'];
  const cookie = (Array.isArray(raw) ? raw[0]! : raw!).split(';')[0]!;
  const csrf = res.json().csrfToken as string;
  return {
    username,
    password,
    cookie,
    csrf,
    headers: (extra = {}) => ({ cookie, 'x-csrf-token': csrf, ...extra }),
  };
}

/** A quarter's rows for every region of a province, plausible and valid. */
export async function validRows(ctx: TestContext, provinceCode: string, seed = 1) {
  const regions = await ctx.db.coordinatingRegion.findMany({
    where: { provinceCode },
    orderBy: { sortOrder: 'asc' },
  });
  return regions.map((r, i) => ({
    regionCode: r.code,
    method: (i % 2 ? 'DIP' : 'DRG') as 'DRG' | 'DIP',
    stage: 'actual' as const,
    eligibleInstitutions: 100 + i,
    coveredInstitutions: 40 + ((i * seed) % 50),
    inpatientCases: 50_000 + i * 100,
    groupedCases: 40_000 + i * 50,
    inpatientFund: `${(80_000 + i * 10).toFixed(2)}`,
    drgDipFund: `${(50_000 + i * 5).toFixed(2)}`,
  }));
}
