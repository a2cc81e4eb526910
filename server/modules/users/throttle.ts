/**
 * Sign-in throttling and lockout (等保 2.0, GB/T 22239-2019 8.1.4.1 b: "应具有登录失败处理功能，
 * 应配置并启用结束会话、限制非法登录次数和当登录连接超时自动退出等相关措施").
 *
 * Failures are counted in PostgreSQL, so every app instance sees the same counts, in two
 * scopes: the account (the lower-cased username, whether it exists or not, so a lock says
 * nothing about which names exist) and the client address. Each attempt reserves its place
 * in both counts before the password is checked, in one atomic statement per scope, so even
 * concurrent guesses get at most `maxFailures` evaluations: the attempt that reaches the
 * limit and fails locks the scope for `lockoutMinutes`; any attempt past it is refused
 * unchecked. A correct sign-in clears the account's count and takes its reservation back from
 * the address's. Failures older than the lockout time are forgotten.
 */
import type { FastifyInstance } from 'fastify';
import { Prisma } from '../../db/client.ts';
import { Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';

export type ThrottleScope = 'account' | 'address';

export interface Reservation {
  username: string;
  address: string;
  /** this attempt's place in each count */
  account: number;
  addressCount: number;
}

const accountKey = (username: string) => username.trim().toLowerCase();

function lockedProblem(scope: ThrottleScope, until: Date, now: Date): Problem {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const at = until.toISOString();
  return scope === 'account'
    ? new Problem(
        429,
        'accountLocked',
        `登录失败次数过多，该账户已锁定，${minutes} 分钟后（${at}）解锁；如需提前解锁请联系管理员`,
        `Too many failed sign-ins: this account is locked for ${minutes} more minutes (until ${at}); an administrator can unlock it sooner`,
        [],
        { unlockAt: at, retryAfterSeconds: minutes * 60 },
      )
    : new Problem(
        429,
        'addressLocked',
        `来自此地址的登录失败次数过多，${minutes} 分钟后（${at}）才能再次登录`,
        `Too many failed sign-ins from this address: sign-in is refused for ${minutes} more minutes (until ${at})`,
        [],
        { unlockAt: at, retryAfterSeconds: minutes * 60 },
      );
}

/** The lock in force on this account or address, if any (checked before anything else). */
export async function refuseIfLocked(app: FastifyInstance, username: string, address: string) {
  const now = app.now();
  const rows = await app.db.signInThrottle.findMany({
    where: {
      OR: [
        { scope: 'account', key: accountKey(username) },
        { scope: 'address', key: address },
      ],
      lockedUntil: { gt: now },
    },
  });
  const lock = rows.find((r) => r.scope === 'account') ?? rows[0];
  if (lock) throw lockedProblem(lock.scope as ThrottleScope, lock.lockedUntil!, now);
}

/** Counts one attempt in a scope (a new window when the last one is older than the lockout). */
async function count(app: FastifyInstance, scope: ThrottleScope, key: string): Promise<number> {
  const now = app.now();
  const windowStart = new Date(now.getTime() - app.config.signIn.lockoutMinutes * 60_000);
  const rows = await app.db.$queryRaw<{ failures: number }[]>(Prisma.sql`
    INSERT INTO sign_in_throttle (scope, key, failures, window_started_at)
    VALUES (${scope}, ${key}, 1, ${now})
    ON CONFLICT (scope, key) DO UPDATE SET
      failures = CASE WHEN sign_in_throttle.window_started_at <= ${windowStart}
                       AND (sign_in_throttle.locked_until IS NULL
                            OR sign_in_throttle.locked_until <= ${now})
                      THEN 1 ELSE sign_in_throttle.failures + 1 END,
      window_started_at = CASE WHEN sign_in_throttle.window_started_at <= ${windowStart}
                                AND (sign_in_throttle.locked_until IS NULL
                                     OR sign_in_throttle.locked_until <= ${now})
                               THEN ${now} ELSE sign_in_throttle.window_started_at END,
      locked_until = CASE WHEN sign_in_throttle.locked_until <= ${now} THEN NULL
                          ELSE sign_in_throttle.locked_until END
    RETURNING failures`);
  return rows[0]!.failures;
}

/** Reserves this attempt's place in the account's and the address's counts; refuses it past a limit. */
export async function reserveAttempt(
  app: FastifyInstance,
  username: string,
  address: string,
): Promise<Reservation> {
  const { maxFailures, maxAddressFailures } = app.config.signIn;
  const account = await count(app, 'account', accountKey(username));
  const addressCount = await count(app, 'address', address);
  const r = { username, address, account, addressCount };
  // past a limit (concurrent guesses that raced the lock): refused without checking the password
  if (account > maxFailures) throw await lock(app, 'account', r);
  if (addressCount > maxAddressFailures) throw await lock(app, 'address', r);
  return r;
}

/** A wrong password or code: the attempt that reached a limit locks its scope. */
export async function attemptFailed(app: FastifyInstance, r: Reservation): Promise<Problem | null> {
  const { maxFailures, maxAddressFailures } = app.config.signIn;
  if (r.account >= maxFailures) return lock(app, 'account', r);
  if (r.addressCount >= maxAddressFailures) return lock(app, 'address', r);
  return null;
}

/** A correct sign-in: the account starts afresh; the address gets its reservation back. */
export async function attemptSucceeded(app: FastifyInstance, r: Reservation): Promise<void> {
  // counts whose window has passed and that hold no lock are forgotten (kept small by every sign-in)
  const now = app.now();
  await app.db.signInThrottle.deleteMany({
    where: {
      windowStartedAt: { lte: new Date(now.getTime() - app.config.signIn.lockoutMinutes * 60_000) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  await app.db.signInThrottle.deleteMany({
    where: { scope: 'account', key: accountKey(r.username) },
  });
  await app.db.signInThrottle.updateMany({
    where: { scope: 'address', key: r.address, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

/** Locks a scope (once: a lock in force is not extended) and writes the lockout to the audit trail. */
async function lock(app: FastifyInstance, scope: ThrottleScope, r: Reservation): Promise<Problem> {
  const now = app.now();
  const key = scope === 'account' ? accountKey(r.username) : r.address;
  const until = new Date(now.getTime() + app.config.signIn.lockoutMinutes * 60_000);
  return app.db.$transaction(async (tx) => {
    const locked = await tx.signInThrottle.updateMany({
      where: { scope, key, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { lockedUntil: until },
    });
    if (locked.count === 0) {
      const row = await tx.signInThrottle.findUniqueOrThrow({
        where: { scope_key: { scope, key } },
      });
      return lockedProblem(scope, row.lockedUntil ?? until, now);
    }
    await recordAudit(tx, {
      actor: 'system',
      action: scope === 'account' ? 'signIn.accountLocked' : 'signIn.addressLocked',
      entityType: 'signIn',
      entityId: key,
      after: {
        scope,
        username: r.username,
        address: r.address,
        failures: scope === 'account' ? r.account : r.addressCount,
        lockedUntil: until.toISOString(),
      },
    });
    return lockedProblem(scope, until, now);
  });
}

/** An administrator lifts an account's lock (PATCH /users/:id `unlock`). */
export async function unlockAccount(
  tx: Prisma.TransactionClient,
  username: string,
): Promise<boolean> {
  const { count: n } = await tx.signInThrottle.deleteMany({
    where: { scope: 'account', key: accountKey(username) },
  });
  return n > 0;
}
