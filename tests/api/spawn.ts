/** Runs the real commands — `npm start`, `npm run user:create` — as child processes, as a newcomer would. */
import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'vitest';
import { projectRoot } from '../../server/config.ts';

const children: ChildProcess[] = [];
/** Kills whatever a test file started and left running (call in afterAll). */
export function killStarted() {
  for (const c of children) c.kill('SIGKILL');
}

/** `npm start` as a newcomer runs it, with the given environment. */
export function start(env: Record<string, string>) {
  // what `npm start` runs: the compiled server, compiled first when older than server/
  const child = spawn(process.execPath, ['server/cli/launch.mjs'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/tmp',
      DEMO_DATA: 'never',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const listening = (ms: number) =>
    new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /open (http:\/\/\S+)/.exec(out);
        if (m) {
          clearInterval(t);
          resolve(m[1]!.replace(/\/$/, ''));
        }
      }, 100);
      setTimeout(() => {
        clearInterval(t);
        reject(new Error(`not listening after ${ms} ms:\n${out}\n${err}`));
      }, ms);
    });
  return { child, exited, listening, output: () => ({ out, err }) };
}

export const oneLineError = (err: string) => {
  expect(err).toMatch(/^error: /m);
  expect(err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
};

/** `npm run <script> -- <args>`: resolves with its exit code and output. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve) =>
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err })),
  );
}
