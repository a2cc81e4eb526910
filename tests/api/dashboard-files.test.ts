/**
 * The built dashboard as the server sends it: each file compressed once at build time (the
 * `.br` / `.gz` beside it, as web/vite.config.ts writes them) and sent as it is, and the
 * content-named files under assets/ cached for a year while the page itself is asked again.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { build, type TestContext } from './helper.ts';

const SCRIPT = `export const figures = "${'全国 DRG/DIP '.repeat(200)}";\n`;
const PAGE = '<!doctype html><title>DRG/DIP</title><div id="root"></div>\n';

let ctx: TestContext;
let app: App;
let webDist: string;
beforeAll(async () => {
  ctx = await build();
  webDist = await mkdtemp(path.join(os.tmpdir(), 'drgdip-web-'));
  await mkdir(path.join(webDist, 'assets'));
  for (const [file, text] of [
    ['index.html', PAGE],
    ['assets/index-Abc123.js', SCRIPT],
  ] as const) {
    await writeFile(path.join(webDist, file), text);
    await writeFile(path.join(webDist, `${file}.br`), brotliCompressSync(text));
    await writeFile(path.join(webDist, `${file}.gz`), gzipSync(text));
  }
  app = await buildApp({
    db: ctx.db,
    config: { ...loadConfig({ DATABASE_URL: ctx.url }), webDist },
  });
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
  await rm(webDist, { recursive: true, force: true });
});

describe('the built dashboard', () => {
  it('a script is sent as the build compressed it, and cached for a year', async () => {
    const res = await app.inject({
      url: '/assets/index-Abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.rawPayload.equals(brotliCompressSync(SCRIPT))).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
  });

  it('a client without brotli gets the gzip file, and one without either the plain file', async () => {
    const gz = await app.inject({
      url: '/assets/index-Abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.equals(gzipSync(SCRIPT))).toBe(true);
    const plain = await app.inject({ url: '/assets/index-Abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('the page, and a client-side route that falls back to it, are asked for again each visit', async () => {
    for (const url of ['/', '/province/210000']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).not.toMatch(/immutable/);
    }
    const page = await app.inject({ url: '/' });
    expect(page.body).toBe(PAGE);
  });
});
