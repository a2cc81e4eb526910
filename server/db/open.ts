import pg from 'pg';
import type { Config } from '../config.ts';
import { runningEmbeddedUrl, startEmbeddedPostgres } from './embedded.ts';
import { describeConnectionError } from './errors.ts';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** the embedded server a running `npm start` owns: used, never stopped */
  shared?: boolean;
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

const EMBEDDED_DATABASE = 'drgdip';

/**
 * DATABASE_URL when given, else the embedded PostgreSQL under DATA_DIR. With `share`, a
 * command-line tool connects to the embedded server a running `npm start` already serves
 * (the cluster can have one server only) instead of refusing.
 */
export async function openDatabase(
  config: Config,
  { share = false }: { share?: boolean } = {},
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    await checkConnection(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, close: async () => {} };
  }
  const running = share ? await runningEmbeddedUrl(config.dataDir, EMBEDDED_DATABASE) : null;
  if (running) {
    await checkConnection(running);
    return { url: running, embedded: true, shared: true, close: async () => {} };
  }
  const pgServer = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    database: EMBEDDED_DATABASE,
    port: config.embeddedPort,
  });
  return { url: pgServer.url, embedded: true, close: () => pgServer.stop() };
}
