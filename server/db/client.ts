import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.ts';

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
  return db;
}

const small = new WeakMap<Db, pg.Pool>();

/** A small node-postgres pool beside the Prisma client, for one-statement reads on the hot path. */
export function smallPool(db: Db): pg.Pool {
  const pool = small.get(db);
  if (!pool) throw new Error('smallPool: this Prisma client was not made by createDb');
  return pool;
}
