/**
 * What a newcomer sees when `npm start` cannot start: each failure they can hit is one clear
 * line and a non-zero exit, never a stack trace. (Starting, restarting and recovering from
 * kill -9 on one data directory: first-run.test.ts.)
 */
import net from 'node:net';
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
});
