/**
 * Sign-in throttling and lockout (README "Security"): per account and per address, counted in
 * PostgreSQL so several app instances share them; defaults 5 failures → account locked 30
 * minutes, 20 failures from one address → address locked 30 minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createUser } from '../../server/modules/users/service.ts';
import { build, type TestContext, testClock } from './helper.ts';

const clock = testClock();
let ctx: TestContext;
let n = 0;
const PASSWORD = 'Correct-horse-42';

beforeAll(async () => {
  ctx = await build({}, { now: clock.now });
});
afterAll(async () => ctx?.close());

async function account(): Promise<string> {
  const username = `thr_${++n}`;
  await createUser(
    ctx.db,
    { username, displayName: username, password: PASSWORD, role: 'reviewer' },
    'system',
  );
  return username;
}

const signIn = (
  username: string,
  password: string,
  remoteAddress = '198.51.100.1',
  headers: Record<string, string> = {},
  app = ctx.app,
) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    remoteAddress,
    headers,
    payload: { username, password },
  });

describe('per-account lockout', () => {
  it('five wrong passwords lock the account for 30 minutes; the right one is refused with when it unlocks, then works', async () => {
    const user = await account();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(user, `wrong-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);

    const locked = await signIn(user, PASSWORD, '198.51.100.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.headers['set-cookie']).toBeUndefined();
    const body = locked.json();
    expect(body.code).toBe('accountLocked');
    expect(body.zh).toContain('锁定');
    expect(body.en).toContain('locked');
    const unlockAt = new Date(body.unlockAt).getTime();
    expect(unlockAt - clock.now().getTime()).toBeGreaterThan(29 * 60_000);
    expect(unlockAt - clock.now().getTime()).toBeLessThanOrEqual(30 * 60_000);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(29 * 60);

    const audit = await ctx.db.auditEvent.findMany({
      where: { action: 'signIn.accountLocked', entityId: user },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ username: user, failures: 5 });

    clock.advanceMinutes(29);
    expect((await signIn(user, PASSWORD)).statusCode).toBe(429);
    clock.advanceMinutes(1.5);
    expect((await signIn(user, PASSWORD)).statusCode).toBe(200);
  });

  it('32 guesses spread over 4 addresses: only 5 are checked, then the account is locked', async () => {
    const user = await account();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await signIn(user, `guess-${i}`, `203.0.113.${i % 4}`)).statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.slice(4)).toEqual(Array(28).fill(429));
    expect((await signIn(user, PASSWORD, '203.0.113.200')).json().code).toBe('accountLocked');
  });

  it('ten guesses at once: exactly five are checked, however they race', async () => {
    const user = await account();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(user, `race-${i}`, `192.0.2.${i}`)),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([...Array(4).fill(401), ...Array(6).fill(429)]);
    expect(
      await ctx.db.auditEvent.count({ where: { action: 'signIn.accountLocked', entityId: user } }),
    ).toBe(1);
  });

  it('a correct sign-in starts the count afresh', async () => {
    const user = await account();
    for (let i = 0; i < 4; i++) expect((await signIn(user, 'nope-nope')).statusCode).toBe(401);
    expect((await signIn(user, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(user, 'nope-nope')).statusCode).toBe(401);
    expect((await signIn(user, PASSWORD)).statusCode).toBe(200);
  });

  it('an unknown username locks the same way (a lock tells nothing about which names exist)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await signIn('no_such_user', `x-${i}`, '198.51.100.2')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('an administrator lifts the lock', async () => {
    const user = await account();
    for (let i = 0; i < 5; i++) await signIn(user, `wrong-${i}`, '198.51.100.3');
    expect((await signIn(user, PASSWORD, '198.51.100.3')).statusCode).toBe(429);
    const adminName = `thr_admin_${++n}`;
    await createUser(
      ctx.db,
      { username: adminName, displayName: 'a', password: PASSWORD, role: 'admin' },
      'system',
    );
    const admin = await signIn(adminName, PASSWORD, '198.51.100.4');
    const cookie = String(admin.headers['set-cookie']).split(';')[0]!;
    const target = await ctx.db.user.findUniqueOrThrow({ where: { username: user } });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      headers: { cookie, 'x-csrf-token': admin.json().csrfToken },
      payload: { unlock: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await signIn(user, PASSWORD, '198.51.100.3')).statusCode).toBe(200);
    expect(
      await ctx.db.auditEvent.count({
        where: { action: 'user.update', entityId: String(target.id), actorLabel: adminName },
      }),
    ).toBe(1);
  });
});

describe('per-address throttling', () => {
  it("ten bad attempts from one address do not stop another account's correct sign-in there", async () => {
    const victim = await account();
    for (let i = 0; i < 10; i++)
      expect((await signIn(`someone_${i}`, 'wrong-pass', '198.51.100.10')).statusCode).toBe(401);
    expect((await signIn(victim, PASSWORD, '198.51.100.10')).statusCode).toBe(200);
  });

  it('twenty failures from one address lock that address, not the others; correct sign-ins do not count', async () => {
    const user = await account();
    for (let i = 0; i < 5; i++)
      expect((await signIn(user, PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await signIn(`sprayed_${i}`, 'Summer2024!', '198.51.100.20')).statusCode);
    expect(statuses).toEqual([...Array(19).fill(401), 429]);
    const refused = await signIn(user, PASSWORD, '198.51.100.20');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('addressLocked');
    expect((await signIn(user, PASSWORD, '198.51.100.21')).statusCode).toBe(200);
    expect(
      await ctx.db.auditEvent.count({
        where: { action: 'signIn.addressLocked', entityId: '198.51.100.20' },
      }),
    ).toBe(1);
  });

  it('without TRUST_PROXY a forged X-Forwarded-For is ignored: the sender is still one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (
          await signIn(`forged_${i}`, 'bad-pass', '198.51.100.30', {
            'x-forwarded-for': `10.9.0.${i}`,
          })
        ).statusCode,
      );
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('behind a reverse proxy and across instances', () => {
  it('with TRUST_PROXY naming the proxy, each client behind it has its own address count', async () => {
    const proxied = await build({ TRUST_PROXY: '127.0.0.1' }, { now: clock.now });
    try {
      for (let i = 0; i < 20; i++)
        await signIn(
          `p_${i}`,
          'bad-pass',
          '127.0.0.1',
          { 'x-forwarded-for': '10.0.0.1' },
          proxied.app,
        );
      const blocked = await signIn(
        'p_x',
        'bad-pass',
        '127.0.0.1',
        { 'x-forwarded-for': '10.0.0.1' },
        proxied.app,
      );
      expect(blocked.json().code).toBe('addressLocked');
      const other = await signIn(
        'p_y',
        'bad-pass',
        '127.0.0.1',
        { 'x-forwarded-for': '10.0.0.2' },
        proxied.app,
      );
      expect(other.statusCode).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('two app instances on one database share the counts', async () => {
    const second = await buildApp({
      db: ctx.db,
      config: loadConfig({ DATABASE_URL: ctx.url }),
      now: clock.now,
    });
    try {
      const user = await account();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await signIn(user, `w-${i}`, '198.51.100.40', {}, i % 2 ? second : ctx.app)).statusCode,
        );
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await second.close();
    }
  });
});
