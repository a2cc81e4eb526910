/**
 * While PostgreSQL is down (stopped, restarting, unreachable), every request that needs it gets
 * a clear 503 problem with a Retry-After, not a 500; the app answers again once it is back.
 * The database is reached through a TCP relay the test can cut, as a stopped server looks.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, type Db } from '../../server/db/client.ts';
import { freshDatabase } from './helper.ts';

/** A relay to the test database that can be stopped (connections cut, new ones refused) and started again. */
function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const pg = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, pg]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(pg).pipe(client);
  });
  let port = 0;
  const listen = () =>
    new Promise<number>((resolve) =>
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as net.AddressInfo).port;
        resolve(port);
      }),
    );
  return {
    listen,
    down: async () => {
      const closed = new Promise((r) => server.close(r));
      for (const s of sockets) s.destroy();
      await closed;
    },
    up: listen,
    close: () => new Promise((r) => server.close(r)),
  };
}

let database: Awaited<ReturnType<typeof freshDatabase>>;
let pgRelay: ReturnType<typeof relay>;
let db: Db;
let app: App;

beforeAll(async () => {
  database = await freshDatabase();
  const target = new URL(database.url);
  pgRelay = relay(target);
  const port = await pgRelay.listen();
  const viaRelay = new URL(database.url);
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String(port);
  db = createDb(viaRelay.toString());
  app = await buildApp({ db, config: loadConfig({ DATABASE_URL: viaRelay.toString() }) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.$disconnect().catch(() => {});
  await pgRelay?.close();
  await database?.drop();
});

describe('while PostgreSQL is down', () => {
  it('reads answer 503 databaseUnavailable with zh/en and Retry-After, and recover when it is back', async () => {
    const ok = await app.inject({ method: 'GET', url: '/api/provinces' });
    expect(ok.statusCode).toBe(200);

    await pgRelay.down();
    for (const url of [
      '/api/provinces',
      '/api/provinces/210000/progress',
      '/api/comparison?period=2024Q3&dimension=all',
      '/api/completeness?period=2024Q3',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.json()).toMatchObject({ status: 503, code: 'databaseUnavailable' });
      expect(res.json().zh).toContain('数据库');
      expect(res.json().en).toContain('database');
    }
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);

    await pgRelay.up();
    const again = await app.inject({ method: 'GET', url: '/api/provinces' });
    expect(again.statusCode).toBe(200);
  });

  it('a write answers 503 too, never a 500', async () => {
    await pgRelay.down();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'someone', password: 'whatever-pass-1' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('databaseUnavailable');
    await pgRelay.up();
  });
});
