import pg from 'pg';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { describeConnectionError } from './errors.ts';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** Checks that a connection string works, turning failures into one clear line. */
export async function checkConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw describeConnectionError(err, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/** DATABASE_URL when given, else the embedded PostgreSQL under DATA_DIR. */
export async function openDatabase(config: Config): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    await checkConnection(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, close: async () => {} };
  }
  const pgServer = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    database: 'drgdip',
    port: config.embeddedPort,
  });
  return { url: pgServer.url, embedded: true, close: () => pgServer.stop() };
}
