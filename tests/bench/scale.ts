/**
 * One scale, measured in one run: a fresh database with the synthetic quarters, the app as
 * `npm start` runs it, the same aggregates as raw SQL through `pg`, and plain node:http serving
 * the app's own bytes.
 */
import pg from 'pg';
import { createDb } from '../../server/db/client.ts';
import { applyMigrations } from '../../server/db/migrate.ts';
import { loadReferenceData } from '../../server/modules/reference/load.ts';
import { createUser } from '../../server/modules/users/service.ts';
import { pairedLatency, request, throughputSideBySide } from './load.ts';
import { type Recorded, type Running, startApp, startCeiling, stop } from './processes.ts';
import { comparisonSql, progressSql, trajectorySql } from './raw-sql.ts';
import { BIG_PROVINCE, type Generated, generate, type Scale } from './synthetic.ts';
import { measureWrites, type Writes } from './writes.ts';

export const PERIOD = '2024Q4';
export const READS = {
  comparison: `/api/comparison?period=${PERIOD}&dimension=all`,
  trajectory: `/api/provinces/${BIG_PROVINCE}/trajectory?dimension=institutions`,
  progress: `/api/provinces/${BIG_PROVINCE}/progress`,
} as const;
export type Read = keyof typeof READS;

export interface ReadResult {
  /** the first read after the data changed: the engine runs */
  coldMs: number;
  app: { p50: number; p99: number };
  sql: { p50: number; p99: number };
  /** gzip bytes sent */
  bytes: number;
  rps: { app: number; ceiling: number };
}

export interface ScaleResult {
  scale: Scale;
  data: Generated;
  startMs: number;
  reads: Record<Read, ReadResult>;
  writes: Writes | null;
}

/**
 * Reads timed one after another, the app's and SQL's alike: 200, so that p99 is the third
 * slowest (of 40 it was the slowest, one pause of the machine's deciding it).
 */
const N = Number(process.env.BENCH_REQUESTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONCURRENCY = 16;
/** headers node:http adds to every answer by itself (the ceiling's too) */
const NODE_WRITES = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function benchScale(
  adminUrl: string,
  scale: Scale,
  opts: {
    writes: boolean;
    /** only the big province's quarters, and only the writes measured */
    writesOnly?: boolean;
    log: (s: string) => void;
    withApp?: (base: string) => Promise<void>;
  },
): Promise<ScaleResult> {
  const name = `drgdip_bench_${scale}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  const client = new pg.Client({ connectionString: url });
  let app: Running | null = null;
  let ceiling: Running | null = null;
  try {
    opts.log(`  ${scale}: migrations, reference data, synthetic quarters…`);
    await applyMigrations(url);
    const db = createDb(url);
    await loadReferenceData(db);
    await createUser(
      db,
      {
        username: 'bench-editor',
        displayName: 'bench',
        password: 'Bench-password-1!',
        role: 'editor',
        provinceCode: BIG_PROVINCE,
      },
      'system',
    );
    await db.$disconnect();
    await client.connect();
    const data = await generate(client, scale, {
      only: opts.writesOnly ? BIG_PROVINCE : undefined,
    });
    // the load's dead rows and visibility settled now, not by autovacuum during the measuring
    await client.query('VACUUM ANALYZE');
    opts.log(`  ${scale}: ${data.regions} regions, ${data.rows} rows; starting the app…`);
    app = await startApp(url);

    const recorded: Recorded[] = [];
    const reads = {} as Record<Read, ReadResult>;
    if (opts.writesOnly) {
      const writes = await measureWrites(app.base, client, opts.log);
      return { scale, data, startMs: app.startMs, reads, writes };
    }
    for (const [key, path] of Object.entries(READS) as [Read, string][]) {
      const cold = await request(`${app.base}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      if (cold.status !== 200) throw new Error(`${path}: ${cold.status}`);
      const { app: measured, sql } = await pairedLatency(
        `${app.base}${path}`,
        () =>
          key === 'comparison'
            ? comparisonSql(client, PERIOD)
            : key === 'trajectory'
              ? trajectorySql(client, BIG_PROVINCE)
              : progressSql(client, BIG_PROVINCE),
        N,
      );
      // every header the app sent (security headers included), but those node:http writes itself
      const headers: Record<string, string> = {};
      for (const [h, v] of Object.entries(cold.headers))
        if (typeof v === 'string' && !NODE_WRITES.has(h)) headers[h] = v;
      recorded.push({ path, headers, body: cold.body });
      reads[key] = {
        coldMs: cold.ms,
        app: { p50: measured.p50, p99: measured.p99 },
        sql,
        bytes: cold.bytes,
        rps: { app: 0, ceiling: 0 },
      };
      opts.log(
        `  ${scale} ${key}: cold ${cold.ms.toFixed(0)} ms, p99 ${measured.p99.toFixed(1)} ms, SQL p99 ${sql.p99.toFixed(1)} ms`,
      );
    }
    ceiling = await startCeiling(recorded);
    for (const [key, path] of Object.entries(READS) as [Read, string][]) {
      const [rpsApp, rpsCeiling] = await throughputSideBySide(
        [`${app.base}${path}`, `${ceiling.base}${path}`],
        CONCURRENCY,
        SECONDS,
      );
      reads[key].rps = { app: rpsApp, ceiling: rpsCeiling };
    }
    await opts.withApp?.(app.base);
    const writes = opts.writes ? await measureWrites(app.base, client, opts.log) : null;
    return { scale, data, startMs: app.startMs, reads, writes };
  } finally {
    if (ceiling) await stop(ceiling);
    if (app) await stop(app);
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
