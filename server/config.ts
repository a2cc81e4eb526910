/** Every setting, read from the environment and validated once. Defaults work on a laptop. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './db/errors.ts';
import { passwordProblems } from './domain/password-rule.ts';
import { ROLES, type Role } from './domain/types.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  port: number;
  host: string;
  /** external PostgreSQL; when absent an embedded one runs under dataDir */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPort: number;
  logLevel: string;
  /** auto: one readable line per request in a terminal, JSON lines otherwise; or forced */
  logFormat: 'auto' | 'pretty' | 'json';
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
  /** Fastify's trustProxy: which proxies' X-Forwarded-For to believe (false: none) */
  trustProxy: boolean | number | string[];
  signIn: {
    /** failed sign-ins of one account before it is locked */
    maxFailures: number;
    /** failed sign-ins from one client address before that address is locked */
    maxAddressFailures: number;
    /** minutes a lock lasts; failures older than this are forgotten */
    lockoutMinutes: number;
  };
  session: {
    /** a session unused this long ends (activity moves the window) */
    idleMinutes: number;
    /** a session ends this long after sign-in, however active */
    maxHours: number;
  };
  /** roles that must use a second factor (TOTP) to sign in */
  secondFactorRoles: Role[];
  /** limits on an imported spreadsheet, checked before and while it is read */
  uploads: UploadLimits;
  /** memory for the engine's kept answers, in MB (per app instance) */
  resultCacheMb: number;
}

/**
 * An upload is checked against the first three before any XML is read (the file's size, a CSV's
 * lines, an XLSX's central directory), then read in a worker thread held to the next three; a
 * small file the template's own reader follows is read on the request thread (smallFileBytes).
 */
export interface UploadLimits {
  /** bytes of the uploaded file */
  maxFileBytes: number;
  /** spreadsheet rows (lines) in the file, notes and header included */
  maxRows: number;
  /** bytes of all an XLSX's parts once unpacked */
  maxUncompressedBytes: number;
  /** ms a worker may take to read one file before it is stopped */
  parseTimeoutMs: number;
  /** MB of JavaScript heap a worker may use */
  parseMemoryMb: number;
  /** files read at the same time; more wait their turn */
  parallelParses: number;
  /**
   * bytes up to which a file the template's own reader follows is read on the request thread,
   * without a worker (read-upload.ts); 0: every file goes to a worker
   */
  smallFileBytes: number;
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

/** `false`/`true`, a number of proxy hops, or a comma-separated list of proxy addresses or CIDRs. */
function trustProxy(env: Env): Config['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim());
  if (list.some((s) => !/^[0-9a-f.:]+(\/\d{1,3})?$/i.test(s)))
    throw new StartupError(
      `TRUST_PROXY=${raw} should be true, false, a number of proxies, or proxy addresses (10.0.0.1,10.1.0.0/16).`,
    );
  return list;
}

function roles(env: Env, name: string): Role[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length)
    throw new StartupError(`${name}: unknown role ${bad.join(', ')} (roles: ${ROLES.join(', ')}).`);
  return list as Role[];
}

export function loadConfig(env: Env = process.env): Config {
  const demo = (env.DEMO_DATA ?? 'auto').toLowerCase();
  if (!['auto', 'always', 'never'].includes(demo))
    throw new StartupError(`DEMO_DATA=${env.DEMO_DATA} should be auto, always or never.`);
  const adminUser = env.ADMIN_USERNAME?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminUser && !adminPassword)
    throw new StartupError('ADMIN_USERNAME is set but ADMIN_PASSWORD is not.');
  const weak = adminUser && adminPassword ? passwordProblems(adminPassword, adminUser) : [];
  if (weak.length)
    throw new StartupError(
      `ADMIN_PASSWORD does not meet the password rule: ${weak.map((p) => p.en).join('; ')}.`,
    );
  const logFormat = (env.LOG_FORMAT || 'auto').toLowerCase();
  if (!['auto', 'pretty', 'json'].includes(logFormat))
    throw new StartupError(`LOG_FORMAT=${env.LOG_FORMAT} should be auto, pretty or json.`);
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(projectRoot, env.DATA_DIR || '.data'),
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: logFormat as Config['logFormat'],
    publicDashboard: bool(env, 'PUBLIC_DASHBOARD', true),
    reportDeadlineDays: int(env, 'REPORT_DEADLINE_DAYS', 15, 0, 365),
    demoData: demo as Config['demoData'],
    initialAdmin:
      adminUser && adminPassword ? { username: adminUser, password: adminPassword } : null,
    secureCookies: bool(env, 'SECURE_COOKIES', false),
    webDist: path.join(projectRoot, 'web/dist'),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 60_000, 1000, 3_600_000),
    connectionTimeoutMs: int(env, 'CONNECTION_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    trustProxy: trustProxy(env),
    signIn: {
      maxFailures: int(env, 'SIGNIN_MAX_FAILURES', 5, 1, 100),
      maxAddressFailures: int(env, 'SIGNIN_ADDRESS_MAX_FAILURES', 20, 1, 10_000),
      lockoutMinutes: int(env, 'SIGNIN_LOCKOUT_MINUTES', 30, 1, 24 * 60),
    },
    session: {
      idleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      maxHours: int(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 30),
    },
    secondFactorRoles: roles(env, 'SECOND_FACTOR_ROLES'),
    uploads: {
      maxFileBytes: int(env, 'IMPORT_MAX_FILE_KB', 5 * 1024, 1, 100 * 1024) * 1024,
      maxRows: int(env, 'IMPORT_MAX_ROWS', 1000, 10, 1_000_000),
      maxUncompressedBytes: int(env, 'IMPORT_MAX_UNPACKED_KB', 10 * 1024, 1, 1024 * 1024) * 1024,
      parseTimeoutMs: int(env, 'IMPORT_PARSE_TIMEOUT_MS', 20_000, 100, 600_000),
      parseMemoryMb: int(env, 'IMPORT_PARSE_MEMORY_MB', 256, 32, 8192),
      parallelParses: int(env, 'IMPORT_PARALLEL', 2, 1, 64),
      smallFileBytes: int(env, 'IMPORT_SMALL_FILE_KB', 256, 0, 1024) * 1024,
    },
    resultCacheMb: int(env, 'RESULT_CACHE_MB', 256, 1, 65_536),
  };
}
