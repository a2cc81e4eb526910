/**
 * The processes a benchmark measures, each on its own event loop: the app as `npm start` runs
 * it (compiled JavaScript, DATABASE_URL), and the plain node:http ceiling (ceiling.mjs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Running {
  child: ChildProcess;
  base: string;
  /** ms from spawn to listening */
  startMs: number;
}

function waitFor(child: ChildProcess, match: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const m = match.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${out}`)));
  });
}

/**
 * `npm start` on the given database (node server/cli/launch.mjs: compiled JS), timed from spawn
 * to listening on existing data: the server is compiled first, as `npm install` leaves it.
 */
export async function startApp(databaseUrl: string): Promise<Running> {
  // @ts-expect-error: a plain .mjs script without types
  const build = await import('../../server/cli/build-server.mjs');
  if (build.isStale()) await build.buildServer();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['server/cli/launch.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'never',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await waitFor(child, /open http:\/\/[^:]+:(\d+)\//, 'the app');
  return { child, base: `http://127.0.0.1:${port}`, startMs: performance.now() - t0 };
}

export interface Recorded {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** node:http serving the recorded answers byte for byte. */
export async function startCeiling(answers: Recorded[]): Promise<Running> {
  const file = path.join(os.tmpdir(), `drgdip-ceiling-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify(answers.map((a) => ({ ...a, body: a.body.toString('base64') }))),
  );
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'tests/bench/ceiling.mjs'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await waitFor(child, /READY (\d+)/, 'the node:http ceiling');
  return { child, base: `http://127.0.0.1:${port}`, startMs: performance.now() - t0 };
}

export function stop(p: Running): Promise<void> {
  if (p.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
    p.child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    p.child.kill('SIGTERM');
  });
}
