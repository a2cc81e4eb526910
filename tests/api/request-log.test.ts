/**
 * What the terminal shows while the app serves: one line per request — readable in a terminal
 * (or with LOG_FORMAT=pretty), a JSON object per line when the output is not a terminal or
 * LOG_FORMAT=json — whatever the answer (200, 404 for an unknown route, 401, 422).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, type Db } from '../../server/db/client.ts';
import { loggerOptions } from '../../server/logging.ts';
import { freshDatabase } from './helper.ts';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await freshDatabase();
  db = createDb(database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function logLines(env: Record<string, string>, isTTY: boolean): Promise<string[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ ...env, DATABASE_URL: database.url });
  const app = await buildApp({
    db,
    config,
    logger: loggerOptions(config, { isTTY, destination: sink }),
  });
  await app.ready();
  lines.length = 0; // only what the requests write
  await app.inject({ method: 'GET', url: '/api/health' });
  await app.inject({ method: 'GET', url: '/api/no-such-thing' });
  await app.inject({ method: 'GET', url: '/api/users' });
  await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'x' } });
  await app.close();
  return lines;
}

describe('request logs', () => {
  it('in a terminal: one readable line per request, method, path, status and time', async () => {
    const lines = await logLines({}, true);
    expect(lines).toHaveLength(4);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colours in a terminal
    const plain = lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(plain[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/health 200 \d+ ms$/);
    expect(plain[1]).toMatch(/INFO: GET \/api\/no-such-thing 404 \d+ ms$/);
    expect(plain[2]).toMatch(/INFO: GET \/api\/users 401 \d+ ms$/);
    expect(plain[3]).toMatch(/INFO: POST \/api\/auth\/sign-in 400 \d+ ms$/);
  });

  it('LOG_FORMAT=pretty gives the same lines without colours where the output is no terminal', async () => {
    const lines = await logLines({ LOG_FORMAT: 'pretty' }, false);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/health 200 \d+ ms$/);
  });

  it('not a terminal, or LOG_FORMAT=json: one JSON object per request', async () => {
    for (const [env, tty] of [
      [{}, false],
      [{ LOG_FORMAT: 'json' }, true],
    ] as const) {
      const lines = await logLines(env, tty);
      expect(lines).toHaveLength(4);
      const entries = lines.map((l) => JSON.parse(l));
      expect(entries.map((e) => [e.method, e.url, e.statusCode])).toEqual([
        ['GET', '/api/health', 200],
        ['GET', '/api/no-such-thing', 404],
        ['GET', '/api/users', 401],
        ['POST', '/api/auth/sign-in', 400],
      ]);
      expect(entries[0]).toMatchObject({
        level: 30,
        msg: expect.stringMatching(/^GET \/api\/health 200/),
      });
      expect(typeof entries[0].responseTime).toBe('number');
    }
  });

  it('refuses an unknown LOG_FORMAT at start', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT=xml/);
  });
});
