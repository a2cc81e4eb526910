/**
 * One data directory through what a newcomer does with `npm start` (embedded PostgreSQL):
 * the first start loads demo progress and says how to create the first account, and
 * `npm run user:create` does it while the app keeps running (the command connects to the
 * embedded PostgreSQL the running app serves instead of refusing); a restart keeps the data
 * and repeats none of the first start's work; after kill -9, the next start stops the
 * PostgreSQL the killed one left running. The steps run in order on the same directory
 * (one cluster set up instead of three).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killStarted, runScript, start } from './spawn.ts';

let dataDir: string;
let env: Record<string, string>;
const postmaster = async () =>
  Number((await fs.readFile(path.join(dataDir, 'pg/postmaster.pid'), 'utf8')).split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const latestLiaoning = async (base: string) =>
  (
    (await (await fetch(`${base}/api/provinces`)).json()) as {
      code: string;
      latestPeriod: string;
    }[]
  ).find((p) => p.code === '210000')!.latestPeriod;
const signIn = (base: string) =>
  fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'first-admin', password: 'a-long-first-password-1' }),
  });

/** the demo's latest quarter for Liaoning, as the first start served it */
let latest = '';
/** the PostgreSQL of the start killed with kill -9 */
let orphan = 0;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-first-'));
  await fs.chmod(dataDir, 0o755);
  env = {
    DATA_DIR: dataDir,
    PORT: '0',
    EMBEDDED_PG_PORT: String(57000 + (process.pid % 400)),
    DEMO_DATA: 'auto',
  };
});
afterAll(async () => {
  killStarted();
  if (orphan && alive(orphan)) process.kill(orphan, 'SIGQUIT');
  const left = await postmaster().catch(() => 0);
  if (left && alive(left)) process.kill(left, 'SIGQUIT');
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm start on a fresh data directory, and after', () => {
  it('the first start loads demo data, prints how to create the first admin, and user:create works while it runs', async () => {
    const app = start(env);
    const base = await app.listening(120_000);
    expect(app.output().out).toContain('Loaded demo progress');
    expect(app.output().out).toContain('npm run user:create -- --username admin --role admin');
    expect(app.output().out).toContain('ADMIN_USERNAME');
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({
      status: 'ok',
      database: 'reachable',
    });
    const provinces = await (await fetch(`${base}/api/provinces`)).json();
    expect(provinces.find((p: { code: string }) => p.code === '210000').hasDemoData).toBe(true);
    latest = await latestLiaoning(base);
    expect(latest).toMatch(/^\d{4}Q[1-4]$/);

    const created = await runScript(
      'user:create',
      ['--username', 'first-admin', '--role', 'admin', '--name', '首位管理员'],
      { ...env, USER_PASSWORD: 'a-long-first-password-1' },
    );
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain('Created admin first-admin');

    const signedIn = await signIn(base);
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).user).toMatchObject({
      role: 'admin',
      displayName: '首位管理员',
    });

    // the running app was not disturbed, and a second account is refused by name, not by a busy cluster
    const again = await runScript('user:create', ['--username', 'first-admin', '--role', 'admin'], {
      ...env,
      USER_PASSWORD: 'a-long-first-password-1',
    });
    expect(again.code).toBe(1);
    expect(again.err).toContain('Username first-admin is taken');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  }, 240_000);

  it('a second start keeps the data, repeats none of the first start’s work and no longer prints the hint', async () => {
    const second = start(env);
    const base = await second.listening(120_000);
    const { out } = second.output();
    expect(out).not.toContain('npm run user:create');
    expect(out).not.toContain('Loaded demo progress');
    expect(out).not.toContain('Applied migrations');
    expect(out).not.toContain('Loaded reference data');
    expect(out).not.toContain('Compiling the server');
    expect(await latestLiaoning(base)).toBe(latest);
    expect((await signIn(base)).status).toBe(200);

    // killed with kill -9: its PostgreSQL stays behind (what used to block every later start)
    orphan = await postmaster();
    second.child.kill('SIGKILL');
    await second.exited;
    expect(alive(orphan)).toBe(true);
  }, 180_000);

  it('after kill -9 it starts again, stopping the PostgreSQL the killed start left running', async () => {
    expect(orphan).toBeGreaterThan(0);
    const third = start(env);
    const base = await third.listening(120_000);
    expect(third.output().err).toContain('was left running by a start that was killed');
    expect(alive(orphan)).toBe(false);
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({
      status: 'ok',
      database: 'reachable',
    });
    expect(await latestLiaoning(base)).toBe(latest);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);
});
