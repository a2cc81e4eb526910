/**
 * The first `npm start` on a fresh data directory says how to create the first account, and
 * `npm run user:create` does it while the app keeps running: the command connects to the
 * embedded PostgreSQL the running app serves instead of refusing, and the new admin can sign
 * in to the running app at once.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killStarted, runScript, start } from './spawn.ts';

afterAll(killStarted);

describe('first run', () => {
  it('prints how to create the first admin, and user:create works while npm start runs', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-first-'));
    await fs.chmod(dataDir, 0o755);
    const env = {
      DATA_DIR: dataDir,
      PORT: '0',
      EMBEDDED_PG_PORT: String(57000 + (process.pid % 400)),
    };
    try {
      const app = start(env);
      const base = await app.listening(120_000);
      expect(app.output().out).toContain('npm run user:create -- --username admin --role admin');
      expect(app.output().out).toContain('ADMIN_USERNAME');

      const created = await runScript(
        'user:create',
        ['--username', 'first-admin', '--role', 'admin', '--name', '首位管理员'],
        { ...env, USER_PASSWORD: 'a-long-first-password-1' },
      );
      expect(created.err).toBe('');
      expect(created.code).toBe(0);
      expect(created.out).toContain('Created admin first-admin');

      const signIn = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'first-admin', password: 'a-long-first-password-1' }),
      });
      expect(signIn.status).toBe(200);
      expect((await signIn.json()).user).toMatchObject({
        role: 'admin',
        displayName: '首位管理员',
      });

      // the running app was not disturbed, and a second account is refused by name, not by a busy cluster
      const again = await runScript(
        'user:create',
        ['--username', 'first-admin', '--role', 'admin'],
        {
          ...env,
          USER_PASSWORD: 'a-long-first-password-1',
        },
      );
      expect(again.code).toBe(1);
      expect(again.err).toContain('Username first-admin is taken');
      expect((await fetch(`${base}/api/health`)).status).toBe(200);

      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
      // a restart with an admin present no longer prints the hint
      const second = start(env);
      await second.listening(120_000);
      expect(second.output().out).not.toContain('npm run user:create');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
