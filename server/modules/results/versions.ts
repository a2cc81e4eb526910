/**
 * Data versions: what the engine's results depend on, as counters in PostgreSQL. Every write
 * that can change what a province owes or has reached (a report saved or moved through the
 * workflow, a plan published, a timeline corrected, reference or demo data loaded) bumps its
 * province's counter in the same transaction; what every province reads (the national plan,
 * reference data) bumps `*`. A read compares the counters with the ones its cached answer was
 * computed at, so any number of app instances on one database agree the moment a write commits.
 */
import { type Db, Prisma, smallPool } from '../../db/client.ts';

/** The scope of what every province reads: the national plan, regions, reference and demo data. */
export const EVERY_PROVINCE = '*';

type Tx = Prisma.TransactionClient;

/** Call inside the write's transaction, as its last statement: the row lock is held until commit. */
export async function bumpDataVersion(tx: Tx | Db, scope: string | null): Promise<void> {
  await tx.$executeRaw(dataVersionBump(scope));
}

/** The statement bumpDataVersion runs, for a write that runs its own (pgTransaction). */
export const dataVersionBump = (scope: string | null) =>
  Prisma.sql`INSERT INTO data_version (scope, version) VALUES (${scope ?? EVERY_PROVINCE}, 1)
    ON CONFLICT (scope) DO UPDATE SET version = data_version.version + 1`;

/** Every counter, one small query (a row per province that has been written, and `*`). */
export async function readDataVersions(db: Db): Promise<DataVersions> {
  // node-postgres directly: this runs on every kept read, and costs a third of $queryRaw
  const { rows } = await smallPool(db).query<{ scope: string; version: string }>(
    'SELECT scope, version::text AS version FROM data_version',
  );
  return new DataVersions(new Map(rows.map((r) => [r.scope, r.version])));
}

export class DataVersions {
  constructor(private readonly counters: Map<string, string>) {}

  /** What one province's results depend on: its own counter and the national one. */
  of(provinceCode: string): string {
    return `${this.counters.get(provinceCode) ?? '0'}.${this.counters.get(EVERY_PROVINCE) ?? '0'}`;
  }

  /** What a cross-province answer depends on: every counter. */
  all(): string {
    return [...this.counters]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
  }
}
