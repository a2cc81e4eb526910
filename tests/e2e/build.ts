/**
 * The dashboard the browser tests and the benchmarks load: web/dist, built with Vite in a
 * child process. Imports nothing from the server, so the test runner's own process stays free
 * of it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDist = path.join(projectRoot, 'web/dist');

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((m, e) => Math.max(m, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

/**
 * Builds the dashboard with Vite: always when `force`, else when web/dist is missing or
 * older than a file under web/src (so a test never runs against yesterday's build).
 */
export function buildDashboard({ force = false } = {}) {
  const index = path.join(webDist, 'index.html');
  if (
    !force &&
    existsSync(index) &&
    statSync(index).mtimeMs >= newest(path.join(projectRoot, 'web/src'))
  )
    return;
  execFileSync(
    path.join(projectRoot, 'node_modules/.bin/vite'),
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    // production, whoever calls: under Vitest NODE_ENV is `test`, and Vite would bundle React's
    // development build (537 KB instead of 332 KB, and slower), which the bench then measured
    { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}
