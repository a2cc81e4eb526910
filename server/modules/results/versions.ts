/**
 * Data versions: what the engine's results depend on, as counters in PostgreSQL. Every write
 * that can change what a province owes or has reached (a report saved or moved through the
 * workflow, a plan published, a timeline corrected, reference or demo data loaded) bumps its
 * province's counter in the same transaction; what every province reads (the national plan,
 * reference data) bumps `*`. A read compares the counters with the ones its cached answer was
 * computed at, so any number of app instances on one database agree the moment a write commits.
 *
 * Concurrent reads share the query (coalesce.ts): a read joins only a query that starts after
 * it arrived, so it still sees every write committed before it began, on any instance. Under
 * load that is one query per round trip for all the reads waiting, instead of one per read, and
 * reads that came in together start one query between them (16 clients: 0.12–0.23 queries a
 * read, from 0.17–0.25 when the first of them started its own).
 * Why not LISTEN/NOTIFY instead: a notification reaches an instance some time after the commit,
 * so a read arriving in between, on an instance that has not yet heard, would answer from
 * before a write that the reader may already have seen committed (its own save, through another
 * instance). Only asking the database after the read began rules that out.
 */
import { type Db, Prisma, smallPool } from '../../db/client.ts';
import { Coalesced } from './coalesce.ts';

/** The scope of what every province reads: the national plan, regions, reference and demo data. */
export const EVERY_PROVINCE = '*';

type Tx = Prisma.TransactionClient;

/** Call inside the write's transaction, as its last statement: the row lock is held until commit. */
export async function bumpDataVersion(tx: Tx | Db, scope: string | null): Promise<void> {
  await tx.$executeRaw(dataVersionBump(scope));
}

/**
 * The statement bumpDataVersion runs, for a write that runs its own (pgSql: one
 * statement of data-modifying CTEs: with `onlyIf`, a relation, only when that has a row).
 */
export const dataVersionBump = (scope: string | null, onlyIf?: Prisma.Sql) =>
  Prisma.sql`INSERT INTO data_version (scope, version)
    SELECT ${scope ?? EVERY_PROVINCE}::text, 1 ${onlyIf ? Prisma.sql`WHERE EXISTS (SELECT 1 FROM ${onlyIf})` : Prisma.empty}
    ON CONFLICT (scope) DO UPDATE SET version = data_version.version + 1`;

const readers = new WeakMap<Db, Coalesced<DataVersions>>();

/**
 * Every counter as of a moment after this call (a row per province that has been written, and
 * `*`): one small query, shared with the reads that wait for the same one.
 */
export function readDataVersions(db: Db): Promise<DataVersions> {
  let reader = readers.get(db);
  if (!reader) {
    reader = new Coalesced(() => queryDataVersions(db));
    readers.set(db, reader);
  }
  return reader.read();
}

async function queryDataVersions(db: Db): Promise<DataVersions> {
  // node-postgres directly: this runs for kept reads, and costs a third of $queryRaw. Named, it
  // is parsed and planned once per connection (PostgreSQL's time for it halves), and rows as
  // arrays are cheaper to take apart (measured: 80 → 54 µs a query, 47 → 31 µs of it in Node)
  const { rows } = await smallPool(db).query<[string, string]>({
    name: 'data-versions',
    text: 'SELECT scope, version::text FROM data_version',
    rowMode: 'array',
  });
  return new DataVersions(new Map(rows));
}

export class DataVersions {
  private everyCounter: string | undefined;

  constructor(private readonly counters: Map<string, string>) {}

  /** What one province's results depend on: its own counter and the national one. */
  of(provinceCode: string): string {
    return `${this.counters.get(provinceCode) ?? '0'}.${this.counters.get(EVERY_PROVINCE) ?? '0'}`;
  }

  /** What a cross-province answer depends on: every counter. */
  all(): string {
    // shared by every read that joined the same query: worked out once
    this.everyCounter ??= [...this.counters]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
    return this.everyCounter;
  }
}
