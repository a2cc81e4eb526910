import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { type Prisma, PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;
export { Prisma } from './generated/client.ts';

/** One Prisma client per connection string: the server, tests and bench all use this. */
export function createDb(connectionString: string): Db {
  const adapter = new PrismaPg({ connectionString, max: 10 });
  const db = new PrismaClient({ adapter });
  // the one query every kept read makes (data versions), without Prisma's per-query cost;
  // idle connections close on their own, and do not keep a process alive
  const pool = new pg.Pool({
    connectionString,
    max: 2,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  pool.on('error', () => {}); // an idle connection the server closed: the next query reconnects
  small.set(db, pool);
  const writes = new pg.Pool({
    connectionString,
    max: 4,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    // a save waits this long for a connection before it fails (Prisma's maxWait for writes)
    connectionTimeoutMillis: 10_000,
    // each statement (as Prisma's write transactions had in all)
    statement_timeout: 20_000,
  });
  writes.on('error', () => {});
  writePools.set(db, writes);
  return db;
}

const small = new WeakMap<Db, pg.Pool>();
const writePools = new WeakMap<Db, pg.Pool>();

/**
 * A tagged `Prisma.sql` statement run, answering its rows: through Prisma or a pg client. `named`:
 * a statement whose text never changes, prepared once per connection by `pgSql` (the name
 * carries a hash of the text, so two texts never share one).
 */
export type Sql = <T = Record<string, unknown>>(q: Prisma.Sql, named?: string) => Promise<T[]>;

export const prismaSql =
  (db: Db | Prisma.TransactionClient): Sql =>
  (q) =>
    db.$queryRaw(q);

/**
 * A prepared statement's name: `named` and a hash of the text, so two texts never share one.
 * Kept per text (a save's few statements), as making a hash costs more than the lookup.
 */
const names = new Map<string, string>();
function statementName(named: string, text: string): string {
  const key = `${named}\u0000${text}`;
  let name = names.get(key);
  if (!name) {
    name = `${named}-${createHash('sha1').update(text).digest('base64url')}`;
    // texts are the code's own templates, a few dozen; the bound only guards against a mistake
    if (names.size >= 1000) names.clear();
    names.set(key, name);
  }
  return name;
}

/**
 * Statements through node-postgres, for a write whose statements carry large values (a 400-row
 * quarter's fifteen column arrays, the audit's two states): Prisma passes each parameter through
 * its query engine and took several times as long as `pg` for them. The statements are still
 * tagged `Prisma.sql` templates (their text and values, never a string-built query), each its
 * own transaction on whichever pooled connection is free, with 20 s each (the pool's
 * statement_timeout). A save reads, checks, then writes in one statement that writes only if
 * the version it read is still the report's: no BEGIN and COMMIT, and no connection held between
 * the two, so the read can start before the figures are in (an import's, while its file is read).
 */
export function pgSql(db: Db): Sql {
  const pool = writePool(db);
  return async (q, named) => (await pool.query(statement(q, named))).rows;
}

/**
 * pgSql on one pooled connection held for `work`: there a statement is sent at once, when
 * `sql` is called (pool.query waits a tick for its connection, so what the caller does next
 * would run first). A save makes its answer while PostgreSQL runs its write.
 */
export async function pgConnection<T>(db: Db, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await writePool(db).connect();
  try {
    return await work(async (q, named) => (await client.query(statement(q, named))).rows);
  } finally {
    client.release();
  }
}

function writePool(db: Db): pg.Pool {
  const pool = writePools.get(db);
  if (!pool) throw new Error('pgSql: this Prisma client was not made by createDb');
  return pool;
}

const statement = (q: Prisma.Sql, named?: string) => ({
  name: named && statementName(named, q.text),
  text: q.text,
  values: q.values,
});

export function smallPool(db: Db): pg.Pool {
  const pool = small.get(db);
  if (!pool) throw new Error('smallPool: this Prisma client was not made by createDb');
  return pool;
}
