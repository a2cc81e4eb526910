#!/usr/bin/env node
/**
 * What `npm test` runs after the typecheck: Vitest twice, side by side — the browser tests
 * (e2e) in one process, unit and API tests in the other. One Vitest process runs its
 * projects one after another, yet the browser tests spend most of their time on one
 * Chromium renderer and leave the second core idle, which the API tests can use. Each line
 * is prefixed with the process it came from; the exit code is non-zero when either fails.
 *
 * Arguments go to both (file filters: each runs what matches, so neither complains about
 * finding nothing); with `--project`, a single Vitest runs as asked.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules/.bin/vitest');
const base = ['run', '--config', 'tests/vitest.config.ts'];
const args = process.argv.slice(2);

const runs = args.includes('--project')
  ? [{ label: '', projects: [] }]
  : [
      // started first: its global setup (dashboard build, server with demo data) is the longest
      { label: 'e2e', projects: ['e2e'] },
      { label: 'api', projects: ['unit', 'api'] },
    ];
const filtered = args.some((a) => !a.startsWith('-'));

const children = runs.map(({ label, projects }) => {
  const argv = [
    ...base,
    ...projects.flatMap((p) => ['--project', p]),
    ...(filtered && projects.length ? ['--passWithNoTests'] : []),
    ...args,
  ];
  const child = spawn(vitest, argv, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
  });
  const prefix = label ? `${label} │ ` : '';
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    let rest = '';
    from.setEncoding('utf8');
    from.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      if (lines.length) to.write(lines.map((l) => `${prefix}${l}\n`).join(''));
    });
    from.on('end', () => {
      if (rest) to.write(`${prefix}${rest}\n`);
    });
  }
  const started = Date.now();
  const done = new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ label, code: code ?? 1, signal, seconds: (Date.now() - started) / 1000 }),
    ),
  );
  return { child, done };
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const { child } of children) child.kill(signal);
  });
}

const results = await Promise.all(children.map((c) => c.done));
if (results.length > 1)
  for (const r of results)
    console.log(
      `${r.label}: ${r.code === 0 ? 'passed' : `failed (${r.signal ?? `exit ${r.code}`})`} in ${r.seconds.toFixed(0)} s`,
    );
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
