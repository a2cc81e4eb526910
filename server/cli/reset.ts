/** `npm run db:reset`: deletes the embedded database's data folder (asks nothing; refuses with DATABASE_URL). */
import fs from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { StartupError } from '../db/errors.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const config = loadConfig();
  if (config.databaseUrl)
    throw new StartupError(
      'db:reset only resets the embedded database; with DATABASE_URL, drop and recreate your database yourself.',
    );
  await fs.rm(config.dataDir, { recursive: true, force: true });
  console.log(
    `Removed ${config.dataDir}. The next npm start creates a new database with demo data.`,
  );
});
