/**
 * `npm start`: one process that serves the API and the dashboard on one port.
 * Order: settings → dashboard build (first run only) → database (embedded under .data/, or
 * DATABASE_URL) → migrations → reference data → demo data (embedded first start only) →
 * first admin → listen. Every failure a newcomer can hit is one line and a non-zero exit.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig, projectRoot } from '../config.ts';
import { createDb } from '../db/client.ts';
import { StartupError } from '../db/errors.ts';
import { applyMigrations } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { loggerOptions } from '../logging.ts';
import { loadReferenceData } from '../modules/reference/load.ts';
import { ensureInitialAdmin, firstAccountHint, prepareData } from './prepare.ts';
import { runCli } from './run.ts';

async function buildDashboardIfMissing(webDist: string): Promise<void> {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  console.log('Building the dashboard (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'web/vite.config.ts'), logLevel: 'warn' });
}

runCli(async () => {
  const config = loadConfig();
  await buildDashboardIfMissing(config.webDist);
  const database = await openDatabase(config);
  console.log(
    database.embedded
      ? `Database: embedded PostgreSQL, data in ${config.dataDir}`
      : 'Database: DATABASE_URL',
  );
  const applied = await applyMigrations(database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const db = createDb(database.url);
  const ref = await loadReferenceData(db);
  if (ref.applied.length) console.log(`Loaded reference data: ${ref.applied.join(', ')}`);
  await prepareData(db, config, { embedded: database.embedded });
  await ensureInitialAdmin(db, config);
  const hint = await firstAccountHint(db);

  const app = await buildApp({ db, config, logger: loggerOptions(config) });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await db.$disconnect();
    await database.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StartupError(
        `Port ${config.port} is already in use.`,
        'Stop what uses it, or set PORT to another port (PORT=3001 npm start).',
      );
    if (code === 'EACCES')
      throw new StartupError(
        `Not allowed to listen on port ${config.port}.`,
        'Use a port above 1024 (PORT=3000).',
      );
    throw err;
  }
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // one write: whoever reads the output (a person, a supervisor, the tests) gets the address
  // and the first-start hint together
  console.log(
    `\nDRG/DIP 改革进展跟踪 — open http://${shown}:${port}/\n${hint ? `\n${hint}\n` : ''}`,
  );

  const stop = async () => {
    await app.close();
    await db.$disconnect();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {}); // keep serving until a signal
});
