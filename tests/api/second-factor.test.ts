/**
 * The second factor (README "Security"): enrol a TOTP authenticator, then sign in with the
 * password and a code; codes are generated here with the `otpauth` library, as an
 * authenticator app would. SECOND_FACTOR_ROLES makes enrolment the first thing those roles do.
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, cookieOf, signIn, type TestContext, testClock } from './helper.ts';

const clock = testClock();
let ctx: TestContext;

beforeAll(async () => {
  ctx = await build({ SECOND_FACTOR_ROLES: 'admin,reviewer' }, { now: clock.now });
});
afterAll(async () => ctx?.close());

const codeFor = (secret: string, at = clock.now()) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });

interface Session {
  cookie: string;
  csrf: string;
}
const post = (s: Session, url: string, payload?: object) =>
  ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload,
  });
const get = (s: Session, url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

async function passwordStep(username: string, password: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { res, session: { cookie: cookieOf(res), csrf: res.json().csrfToken as string } };
}

/** Enrols through the API and returns the secret the authenticator app holds. */
async function enrol(s: Session, username: string): Promise<string> {
  const start = await post(s, '/api/auth/second-factor/enrollment');
  expect(start.statusCode, start.body).toBe(201);
  const { secret, uri } = start.json();
  expect(uri).toMatch(new RegExp(`^otpauth://totp/DRG-DIP%20tracker:${username}\\?`));
  expect(uri).toContain(`secret=${secret}`);
  const wrong = await post(s, '/api/auth/second-factor/enrollment/confirm', { code: '000000' });
  expect(wrong.statusCode).toBe(401);
  expect(wrong.json().code).toBe('wrongCode');
  const ok = await post(s, '/api/auth/second-factor/enrollment/confirm', {
    code: codeFor(secret),
  });
  expect(ok.statusCode, ok.body).toBe(200);
  expect(ok.json().user).toMatchObject({ username, secondFactor: true });
  return secret;
}

describe('the second factor', () => {
  it('an editor may enrol; from then on sign-in needs the code, and nothing works before it', async () => {
    const editor = await signIn(ctx, 'editor', '210000');
    const secret = await enrol(editor, editor.username);
    expect(
      await ctx.db.auditEvent.count({
        where: { action: 'user.secondFactorEnrol', actorLabel: editor.username },
      }),
    ).toBe(1);

    clock.advanceMinutes(1);
    const { res, session } = await passwordStep(editor.username, editor.password);
    expect(res.json()).toMatchObject({ user: null, pending: { steps: ['secondFactor'] } });
    expect((await get(session, '/api/provinces/210000/reports/2024Q3')).statusCode).not.toBe(200);
    expect((await get(session, '/api/auth/session')).json().user).toBeNull();

    const code = codeFor(secret);
    const done = await post(session, '/api/auth/second-factor', { code });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.username).toBe(editor.username);
    expect((await get(session, '/api/auth/session')).json().user.username).toBe(editor.username);

    // the same code cannot be used again, even within its 30 seconds
    const again = await passwordStep(editor.username, editor.password);
    expect((await post(again.session, '/api/auth/second-factor', { code })).statusCode).toBe(401);
  });

  it('wrong codes count towards the lockout like wrong passwords', async () => {
    const editor = await signIn(ctx, 'editor', '430000');
    const secret = await enrol(editor, editor.username);
    clock.advanceMinutes(1);
    const { session } = await passwordStep(editor.username, editor.password);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await post(session, '/api/auth/second-factor', { code: `12345${i}` })).statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await post(session, '/api/auth/second-factor', { code: codeFor(secret) });
    expect(locked.json().code).toBe('accountLocked');
  });

  it('SECOND_FACTOR_ROLES: an admin without one must enrol before anything else; an editor need not', async () => {
    const { createUser } = await import('../../server/modules/users/service.ts');
    await createUser(
      ctx.db,
      { username: 'must_enrol', displayName: 'm', password: 'Must-enrol-2026!', role: 'admin' },
      'system',
    );
    const { res, session } = await passwordStep('must_enrol', 'Must-enrol-2026!');
    expect(res.json()).toMatchObject({ user: null, pending: { steps: ['enrollSecondFactor'] } });
    expect((await get(session, '/api/users')).statusCode).toBe(401);
    await enrol(session, 'must_enrol');
    expect((await get(session, '/api/users')).statusCode).toBe(200);

    const editor = await signIn(ctx, 'editor', '210000');
    expect((await get(editor, '/api/auth/session')).json().pending).toBeNull();
  });

  it('an administrator resets a lost second factor: the user signs in with the password and enrols again', async () => {
    const editor = await signIn(ctx, 'editor', '210000');
    await enrol(editor, editor.username);
    const { createUser } = await import('../../server/modules/users/service.ts');
    await createUser(
      ctx.db,
      { username: 'resetter', displayName: 'r', password: 'Reset-admin-2026!', role: 'admin' },
      'system',
    );
    const admin = (await passwordStep('resetter', 'Reset-admin-2026!')).session;
    const adminSecret = await enrol(admin, 'resetter');
    expect(adminSecret).toBeTruthy();
    const target = await ctx.db.user.findUniqueOrThrow({ where: { username: editor.username } });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { resetSecondFactor: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().secondFactor).toBe(false);
    const again = await passwordStep(editor.username, editor.password);
    expect(again.res.json().user?.username).toBe(editor.username);
  });
});
