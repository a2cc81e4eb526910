/**
 * Runs serve.ts as a child process and stops it again: the browser tests' server (kept out
 * of the test runner's process) and the benchmarks' (so the server does not share an event
 * loop with the code that measures it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Account, AccountName } from './server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  accounts: Record<AccountName, Account>;
}

/** Starts serve.ts and resolves with what it prints once it listens. */
export function startServerProcess(): Promise<ServerProcess> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['tests/e2e/serve.ts'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve({ child, ...JSON.parse(line.slice(6)) });
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the e2e server exited (${code}) before it was ready:\n${out}`)),
    );
  });
}

/** SIGTERM (serve.ts then drops its database), SIGKILL after 30 s. */
export function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
