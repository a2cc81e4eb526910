/**
 * Start-up failures a newcomer can hit. Each carries one line for the terminal;
 * server/cli prints it and exits non-zero instead of a stack trace.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** `postgresql://user:secret@host/db` → `postgresql://user:***@host/db` */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** Turns a pg / Prisma connection error into one clear line. */
export function describeConnectionError(err: unknown, url: string): StartupError {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  const where = maskUrl(url);
  switch (code) {
    case 'ECONNREFUSED':
      return new StartupError(
        `Cannot reach PostgreSQL at ${where}: connection refused.`,
        'Is the server running, and is the host/port in DATABASE_URL right?',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`Cannot reach PostgreSQL at ${where}: unknown host.`);
    case '28P01':
    case '28000':
      return new StartupError(
        `PostgreSQL at ${where} refused the credentials (wrong user or password).`,
      );
    case '3D000':
      return new StartupError(
        `PostgreSQL at ${where}: the database does not exist.`,
        'Create it first (createdb), or fix the database name in DATABASE_URL.',
      );
    default:
      return new StartupError(
        `Cannot use PostgreSQL at ${where}: ${e?.message ?? e?.cause?.message ?? String(err)}`,
      );
  }
}

/** Prisma's "cannot reach / lost the server" codes, the driver adapter's kinds, socket errors. */
const UNAVAILABLE_CODES = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);

/**
 * Is this error PostgreSQL being down (stopped, restarting, unreachable) rather than a fault of
 * the request or the code? Also SQLSTATE class 08 (connection exception) and 57P01–57P03
 * (shutting down, starting up). Looks through `cause` and Prisma's `driverAdapterError`.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack = [err];
  while (stack.length) {
    type Cause = { code?: unknown; kind?: unknown; cause?: unknown; driverAdapterError?: unknown };
    const e = stack.pop() as (Cause & { message?: unknown }) | null | undefined;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_CODES.has(code) || /^(08|57P0[123])/.test(code)) return true;
    if (typeof e.kind === 'string' && UNAVAILABLE_KINDS.has(e.kind)) return true;
    // node-postgres, when the server goes away under an open connection
    if (typeof e.message === 'string' && /^Connection terminated/.test(e.message)) return true;
    stack.push(e.cause, e.driverAdapterError);
  }
  return false;
}

/**
 * A transaction could not start (or finish) in time: the server is busy, nothing was written.
 * Prisma's P2028; for a write on a pg connection (pgSql), no connection free within
 * its wait, or a statement cancelled by its statement_timeout (57014).
 */
export const isTransactionTimeout = (err: unknown) => {
  const e = err as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === 'P2028' ||
    e?.code === '57014' ||
    (typeof e?.message === 'string' && /^timeout exceeded when trying to connect/.test(e.message))
  );
};
