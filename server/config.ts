/** Every setting, read from the environment and validated once. Defaults work on a laptop. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './db/errors.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  port: number;
  host: string;
  /** external PostgreSQL; when absent an embedded one runs under dataDir */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPort: number;
  logLevel: string;
  /** dashboards readable without signing in */
  publicDashboard: boolean;
  /** days after quarter end before a report is overdue */
  reportDeadlineDays: number;
  /** load demo progress when the database has none (embedded default: yes) */
  demoData: 'auto' | 'always' | 'never';
  /** first admin, created on start when no admin exists */
  initialAdmin: { username: string; password: string } | null;
  /** cookies get `Secure` (set when served behind TLS) */
  secureCookies: boolean;
  webDist: string;
  /** ms to receive a whole request (headers and body); a client trickling a body is cut off (408) */
  requestTimeoutMs: number;
  /** ms a connection may stay idle before it is closed */
  connectionTimeoutMs: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new StartupError(`${name}=${raw} is not a whole number between ${min} and ${max}.`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new StartupError(`${name}=${env[name]} should be true or false.`);
}

export function loadConfig(env: Env = process.env): Config {
  const demo = (env.DEMO_DATA ?? 'auto').toLowerCase();
  if (!['auto', 'always', 'never'].includes(demo))
    throw new StartupError(`DEMO_DATA=${env.DEMO_DATA} should be auto, always or never.`);
  const adminUser = env.ADMIN_USERNAME?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminUser && !adminPassword)
    throw new StartupError('ADMIN_USERNAME is set but ADMIN_PASSWORD is not.');
  if (adminPassword && adminPassword.length < 10)
    throw new StartupError('ADMIN_PASSWORD must have at least 10 characters.');
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(projectRoot, env.DATA_DIR || '.data'),
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    logLevel: env.LOG_LEVEL || 'info',
    publicDashboard: bool(env, 'PUBLIC_DASHBOARD', true),
    reportDeadlineDays: int(env, 'REPORT_DEADLINE_DAYS', 15, 0, 365),
    demoData: demo as Config['demoData'],
    initialAdmin:
      adminUser && adminPassword ? { username: adminUser, password: adminPassword } : null,
    secureCookies: bool(env, 'SECURE_COOKIES', false),
    webDist: path.join(projectRoot, 'web/dist'),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 60_000, 1000, 3_600_000),
    connectionTimeoutMs: int(env, 'CONNECTION_TIMEOUT_MS', 120_000, 1000, 3_600_000),
  };
}
