/** `npm run db:seed` loads the reference data; `npm run seed:demo` also (re)generates demo progress. */
import { loadConfig } from '../config.ts';
import { createDb } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { loadDemo } from '../modules/demo/load.ts';
import { loadReferenceData } from '../modules/reference/load.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const database = await openDatabase(loadConfig(), { share: true });
  const db = createDb(database.url);
  try {
    await applyMigrations(database.url);
    const ref = await loadReferenceData(db);
    console.log(
      ref.applied.length
        ? `Reference data applied: ${ref.applied.join(', ')}`
        : 'Reference data already up to date.',
    );
    if (process.argv.includes('--demo')) {
      const { reports } = await loadDemo(db);
      console.log(`Demo progress: ${reports} reports (marked as demo data).`);
    }
  } finally {
    await db.$disconnect();
    await database.close();
  }
});
