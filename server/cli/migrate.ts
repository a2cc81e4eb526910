/** `npm run db:migrate` applies pending migrations; `npm run db:migration:create -- <name>` writes a new one. */
import { loadConfig } from '../config.ts';
import { applyMigrations, createMigration } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const [command, name] = process.argv.slice(2);
  const db = await openDatabase(loadConfig());
  try {
    if (command === 'create') {
      const folder = await createMigration(db.url, name ?? 'change');
      console.log(
        folder
          ? `Created prisma/migrations/${folder}`
          : 'schema.prisma and the migrations agree: nothing to create.',
      );
      return;
    }
    const applied = await applyMigrations(db.url);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await db.close();
  }
});
