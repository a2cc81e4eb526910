/**
 * Every answer carries the security headers helmet writes for our policy — kept reads served
 * from memory, errors, the dashboard — and anonymous reads cost no session lookup.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { helmetOptions } from '../../server/plugins/security-headers.ts';
import { build, type TestContext } from './helper.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await build();
});
afterAll(async () => ctx?.close());

/** What helmet's own middleware sets on a real node:http response for these options. */
function helmetOnARealResponse(secureCookies: boolean) {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  helmet(helmetOptions({ secureCookies }))(res.req, res, (e?: unknown) => {
    if (e) throw e;
  });
  return res.getHeaders();
}

const reads = [
  '/api/comparison?period=2024Q4&dimension=institutions',
  '/api/provinces/210000/progress',
  '/api/provinces/210000/trajectory?dimension=institutions',
  '/api/provinces',
  '/api/no-such-thing',
  '/api/comparison?period=nonsense',
];

describe('security headers', () => {
  it.each(reads)('%s carries every header helmet sets, with its value', async (url) => {
    const expected = helmetOnARealResponse(false);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    // twice: the second read of a kept answer is served from memory
    for (let i = 0; i < 2; i++) {
      const res = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'gzip' },
      });
      for (const [name, value] of Object.entries(expected))
        expect(res.headers[name], `${url} ${name}`).toBe(String(value));
    }
    const csp = String(expected['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(expected['x-content-type-options']).toBe('nosniff');
    expect(expected['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('behind TLS (SECURE_COOKIES=true) the policy also upgrades insecure requests', async () => {
    const config = loadConfig({ DATABASE_URL: ctx.url, SECURE_COOKIES: 'true' });
    const app = await buildApp({ db: ctx.db, config });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/provinces' });
      expect(res.headers['content-security-policy']).toBe(
        helmetOnARealResponse(true)['content-security-policy'],
      );
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });
});

describe('anonymous reads', () => {
  it('a read without a session cookie never looks a session up; one with a cookie does', async () => {
    // every statement the app sends through node-postgres, with those that read a session counted
    const sent = vi.spyOn(pg.Pool.prototype, 'query');
    const lookups = () =>
      sent.mock.calls.filter(([q]) => /\bFROM session\b/.test((q as { text?: string })?.text ?? ''))
        .length;
    try {
      for (let i = 0; i < 5; i++)
        expect((await ctx.app.inject({ method: 'GET', url: '/api/provinces' })).statusCode).toBe(
          200,
        );
      expect(lookups()).toBe(0);
      const withCookie = await ctx.app.inject({
        method: 'GET',
        url: '/api/provinces',
        headers: { cookie: 'drgdip_session=not-a-session' },
      });
      expect(withCookie.statusCode).toBe(200);
      expect(lookups()).toBe(1);
    } finally {
      sent.mockRestore();
    }
  });
});
