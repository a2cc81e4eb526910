/**
 * What a newcomer sees from `npm start`: it serves on one port and keeps data across
 * restarts, and each failure they can hit is one clear line and a non-zero exit, never a
 * stack trace.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helper.ts';
import { killStarted, oneLineError, start } from './spawn.ts';

afterAll(killStarted);

describe('npm start', () => {
  it('with an unreachable DATABASE_URL prints one line, masks the password and exits non-zero', async () => {
    const run = start({
      DATABASE_URL: 'postgresql://bureau:s3cret-pw@127.0.0.1:1/drgdip',
      PORT: '0',
    });
    expect(await run.exited).toBe(1);
    const { err } = run.output();
    oneLineError(err);
    expect(err).toContain('Cannot reach PostgreSQL at postgresql://bureau:***@127.0.0.1:1/drgdip');
    expect(err).not.toContain('s3cret-pw');
  }, 60_000);

  it('says which port is taken and exits non-zero', async () => {
    const db = await freshDatabase();
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const run = start({ DATABASE_URL: db.url, PORT: String(port) });
    expect(await run.exited).toBe(1);
    oneLineError(run.output().err);
    expect(run.output().err).toContain(`Port ${port} is already in use`);
    blocker.close();
    await db.drop();
  }, 90_000);

  it('says when the data directory is not writable', async () => {
    const run = start({ DATA_DIR: '/etc/hostname/drgdip-data', PORT: '0' });
    expect(await run.exited).toBe(1);
    oneLineError(run.output().err);
    expect(run.output().err).toContain('is not writable');
  }, 60_000);

  it('starts again after being killed with kill -9, stopping the PostgreSQL the killed start left running', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-kill9-'));
    await fs.chmod(dataDir, 0o755);
    const env = {
      DATA_DIR: dataDir,
      PORT: '0',
      EMBEDDED_PG_PORT: String(56500 + (process.pid % 400)),
    };
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
    let orphan = 0;
    try {
      const first = start(env);
      await first.listening(120_000);
      orphan = await postmaster();
      first.child.kill('SIGKILL');
      await first.exited;
      expect(alive(orphan)).toBe(true); // what used to block every later start

      const second = start(env);
      const base = await second.listening(120_000);
      expect(second.output().err).toContain('was left running by a start that was killed');
      expect(alive(orphan)).toBe(false);
      const health = await (await fetch(`${base}/api/health`)).json();
      expect(health).toEqual({ status: 'ok', database: 'reachable' });
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      if (orphan && alive(orphan)) process.kill(orphan, 'SIGQUIT');
      const left = await postmaster().catch(() => 0);
      if (left && alive(left)) process.kill(left, 'SIGQUIT');
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('serves the API on its embedded PostgreSQL, and a second start keeps the data', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-start-'));
    await fs.chmod(dataDir, 0o755);
    const env = {
      DATA_DIR: dataDir,
      PORT: '0',
      EMBEDDED_PG_PORT: String(56000 + (process.pid % 500)),
      DEMO_DATA: 'auto',
    };
    const first = start(env);
    const base = await first.listening(120_000);
    const health = await (await fetch(`${base}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', database: 'reachable' });
    const provinces = await (await fetch(`${base}/api/provinces`)).json();
    expect(provinces.find((p: { code: string }) => p.code === '210000').hasDemoData).toBe(true);
    expect(first.output().out).toContain('Loaded demo progress');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start(env);
    const base2 = await second.listening(120_000);
    expect(second.output().out).not.toContain('Loaded demo progress');
    expect(second.output().out).not.toContain('Applied migrations');
    expect(second.output().out).not.toContain('Loaded reference data');
    expect(second.output().out).not.toContain('Compiling the server');
    const again = await (await fetch(`${base2}/api/provinces`)).json();
    expect(again.find((p: { code: string }) => p.code === '210000').latestPeriod).toBe(
      provinces.find((p: { code: string }) => p.code === '210000').latestPeriod,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await fs.rm(dataDir, { recursive: true, force: true });
  }, 240_000);
});
