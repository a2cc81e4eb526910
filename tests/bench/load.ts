/** HTTP timing for the benchmarks: latencies of requests one after another, and throughput under concurrency. */
import http from 'node:http';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface Answer {
  status: number;
  bytes: number;
  ms: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            bytes: body.length,
            ms: performance.now() - t0,
            headers: res.headers,
            body,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

export interface Latency {
  p50: number;
  p99: number;
  bytes: number;
}

/** `n` requests one after another (after one to warm up); p50 and p99 in ms. */
export async function latency(
  url: string,
  n: number,
  headers: Record<string, string> = { 'accept-encoding': 'gzip' },
): Promise<Latency> {
  const first = await request(url, { headers });
  if (first.status !== 200)
    throw new Error(`${url}: ${first.status} ${first.body.toString().slice(0, 300)}`);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await request(url, { headers })).ms);
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes: first.bytes };
}

/** This process's garbage collected now (a young-generation collection: about a millisecond). */
const gc: (o?: { type: 'minor' | 'major' }) => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
})();
const collectGarbage = () => gc({ type: 'minor' });

/**
 * The app's read of `url` and the same figures from SQL (`sql`), `n` of each in turns (after
 * one of each to warm up): a pause of the machine, or PostgreSQL's own work in the background,
 * weighs on both alike instead of on whichever was measured at that moment.
 */
export async function pairedLatency(
  url: string,
  sql: () => Promise<unknown>,
  n: number,
  headers: Record<string, string> = { 'accept-encoding': 'gzip' },
): Promise<{ app: Latency; sql: { p50: number; p99: number } }> {
  const first = await request(url, { headers });
  if (first.status !== 200)
    throw new Error(`${url}: ${first.status} ${first.body.toString().slice(0, 300)}`);
  await sql();
  const app: number[] = [];
  const db: number[] = [];
  for (let i = 0; i < n; i++) {
    // the bench's own garbage (SQL's rows, parsed here) collected before each sample, not
    // during the next one: its pauses are the client's, not the app's or PostgreSQL's
    collectGarbage();
    app.push((await request(url, { headers })).ms);
    collectGarbage();
    const t0 = performance.now();
    await sql();
    db.push(performance.now() - t0);
  }
  const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });
  return { app: { ...stats(app), bytes: first.bytes }, sql: stats(db) };
}

/** Requests answered with `concurrency` clients asking `url` for `ms` milliseconds. */
async function burst(
  url: string,
  concurrency: number,
  ms: number,
  headers: Record<string, string>,
): Promise<number> {
  const end = performance.now() + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const a = await request(url, { headers });
        if (a.status !== 200) throw new Error(`${url}: ${a.status}`);
        done++;
      }
    }),
  );
  return done;
}

/**
 * Requests per second with `concurrency` clients, for each of two servers answering the same
 * path, measured by the same client in turns (a, b, b, a, …, `seconds` each in all) after a
 * warm-up of each: a machine that gets busier or quieter during the run weighs on both alike.
 */
export async function throughputSideBySide(
  urls: [string, string],
  concurrency: number,
  seconds: number,
  headers: Record<string, string> = { 'accept-encoding': 'gzip' },
): Promise<[number, number]> {
  const ROUNDS = 4;
  const slice = (seconds * 1000) / ROUNDS;
  for (const url of urls) await burst(url, concurrency, 250, headers);
  const done = [0, 0];
  for (let round = 0; round < ROUNDS; round++)
    for (const i of round % 2 ? [1, 0] : [0, 1])
      done[i]! += await burst(urls[i]!, concurrency, slice, headers);
  return [done[0]! / seconds, done[1]! / seconds];
}

/** Times `n` runs of `f` (after one to warm up): p50 and p99 in ms. */
export async function timed(
  n: number,
  f: () => Promise<unknown>,
): Promise<{ p50: number; p99: number }> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}
