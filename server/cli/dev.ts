/**
 * `npm run dev`: the API (restarted by tsx on every server change) and Vite's dev server
 * (hot reload, proxying /api to the API) in one command. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../config.ts';

const api = spawn(
  process.execPath,
  [
    path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'),
    'watch',
    '--clear-screen=false',
    'server/cli/start.ts',
  ],
  {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.PORT ?? '3000' },
  },
);

const { createServer } = await import('vite');
const web = await createServer({ configFile: path.join(projectRoot, 'web/vite.config.ts') });
await web.listen();
console.log('\nDashboard with hot reload:');
web.printUrls();

const stop = async () => {
  api.kill('SIGTERM');
  await web.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
api.on('exit', (code) => {
  if (code) console.error(`the API exited with code ${code}`);
});
