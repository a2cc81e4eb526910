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
  });
  writes.on('error', () => {});
  writePools.set(db, writes);
  return db;
}

const small = new WeakMap<Db, pg.Pool>();
const writePools = new WeakMap<Db, pg.Pool>();

/**
 * A tagged `Prisma.sql` statement run, answering its rows: through Prisma or a pg client. `named`:
 * a statement whose text never changes, prepared once per connection by `pgTransaction` (the name
 * carries a hash of the text, so two texts never share one).
 */
export type Sql = <T = Record<string, unknown>>(q: Prisma.Sql, named?: string) => Promise<T[]>;

export const prismaSql =
  (db: Db | Prisma.TransactionClient): Sql =>
  (q) =>
    db.$queryRaw(q);

/**
 * One transaction on a node-postgres connection, for a write whose statements carry large
 * values (a 400-row quarter's fifteen column arrays, the audit's two states): Prisma passes
 * each parameter through its query engine and took several times as long as `pg` for them.
 * The statements are still tagged `Prisma.sql` templates (their text and values, never a
 * string-built query). Each statement gets 20 s, as Prisma's write transactions did in all.
 */
export async function pgTransaction<T>(db: Db, work: (sql: Sql) => Promise<T>): Promise<T> {
  const pool = writePools.get(db);
  if (!pool) throw new Error('pgTransaction: this Prisma client was not made by createDb');
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = '20s'`);
    const result = await work(async (q, named) => {
      const name = named && `${named}-${createHash('sha1').update(q.text).digest('base64url')}`;
      return (await client.query({ name, text: q.text, values: q.values })).rows;
    });
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

/** A small node-postgres pool beside the Prisma client, for one-statement reads on the hot path. */
export function smallPool(db: Db): pg.Pool {
  const pool = small.get(db);
  if (!pool) throw new Error('smallPool: this Prisma client was not made by createDb');
  return pool;
}
