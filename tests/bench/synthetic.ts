/**
 * Synthetic quarterly data for the benchmarks, from a seed (the same seed gives the same rows):
 *
 *   national   the 32 provincial units and their ~400 coordinating regions as seeded, every
 *              quarter 2022Q1–2031Q4 reported and accepted (40 quarters)
 *   tenfold    the same with ten times the regions (~4,000): each province gets nine made-up
 *              regions per real one, Liaoning (210000) 400 in all
 *
 * Written straight through `pg` (one INSERT … SELECT FROM unnest per batch): the generator is
 * not what is measured. Every row obeys the save's rules (covered ≤ eligible, grouped ≤ cases,
 * DRG/DIP fund ≤ inpatient fund; cumulative figures within a year never fall).
 */
import type pg from 'pg';
import { periodsBetween } from '../../server/domain/periods.ts';

export type Scale = 'national' | 'tenfold';
export const FIRST = '2022Q1';
export const LAST = '2031Q4';
/** the province the trajectory and the 400-row save are measured on */
export const BIG_PROVINCE = '210000';

/** mulberry32: a small, well-known seeded generator */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds the made-up regions of the ten-times scale. */
async function addRegions(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ province_code: string; n: number }>(
    'SELECT province_code, count(*)::int AS n FROM coordinating_region GROUP BY province_code',
  );
  const codes: string[] = [];
  const provinces: string[] = [];
  const orders: number[] = [];
  for (const p of rows) {
    const total = p.province_code === BIG_PROVINCE ? 400 : p.n * 10;
    for (let i = p.n; i < total; i++) {
      codes.push(`${p.province_code}-S${String(i).padStart(4, '0')}`);
      provinces.push(p.province_code);
      orders.push(1000 + i);
    }
  }
  await client.query(
    `INSERT INTO coordinating_region (code, province_code, name_zh, name_en, kind, code_source, sort_order)
     SELECT c, p, '合成地区' || c, 'Synthetic ' || c, 'other', 'project', o
     FROM unnest($1::text[], $2::text[], $3::int[]) AS t(c, p, o)`,
    [codes, provinces, orders],
  );
}

export interface Generated {
  regions: number;
  reports: number;
  rows: number;
}

/**
 * Fills a database that has the reference data loaded and no reports; `only` limits the
 * quarters to one province (the regions of every province are still made).
 */
export async function generate(
  client: pg.Client,
  scale: Scale,
  { seed = 15, only }: { seed?: number; only?: string } = {},
): Promise<Generated> {
  if (scale === 'tenfold') await addRegions(client);
  const regions = (
    await client.query<{ id: number; province_code: string }>(
      'SELECT id, province_code FROM coordinating_region ORDER BY province_code, sort_order',
    )
  ).rows;
  const periods = periodsBetween(FIRST, LAST);
  const rand = random(seed);
  // each region: its size, the quarter it launches and the pace it covers its institutions at
  const profile = new Map(
    regions.map((r) => [
      r.id,
      {
        eligible: 20 + Math.floor(rand() * 400),
        casesPerQuarter: 5_000 + Math.floor(rand() * 60_000),
        fundPerCase: 0.8 + rand() * 0.8, // 万元
        launch: Math.floor(rand() * 12),
        pace: 0.03 + rand() * 0.08,
        method: rand() < 0.5 ? 'DRG' : 'DIP',
      },
    ]),
  );
  const byProvince = Map.groupBy(regions, (r) => r.province_code);
  let reports = 0;
  let rows = 0;
  for (const [province, members] of byProvince) {
    if (only && province !== only) continue;
    const ids = (
      await client.query<{ id: number; period: string }>(
        `INSERT INTO report (province_code, period, status, version, submitted_at, accepted_at, updated_at)
         SELECT $1, p, 'accepted', 1, now(), now(), now() FROM unnest($2::text[]) AS p
         RETURNING id, period`,
        [province, periods],
      )
    ).rows;
    reports += ids.length;
    const cols: unknown[][] = Array.from({ length: 13 }, () => []);
    for (const { id, period } of ids) {
      const q = periods.indexOf(period);
      const quarterOfYear = (q % 4) + 1;
      for (const r of members) {
        const p = profile.get(r.id)!;
        const since = q - p.launch;
        const share = since < 0 ? 0 : Math.min(1, 0.1 + since * p.pace);
        const stage =
          since < 0 ? 'not_started' : since < 2 ? 'preparing' : since < 4 ? 'simulated' : 'actual';
        const cases = p.casesPerQuarter * quarterOfYear;
        const grouped = Math.floor(cases * (0.85 + 0.1 * share));
        const paidCases = Math.floor(cases * share);
        const fund = Math.round(cases * p.fundPerCase * 100) / 100;
        const values = [
          id,
          r.id,
          since < 0 ? null : p.method,
          stage,
          p.eligible,
          Math.floor(p.eligible * share),
          cases,
          grouped,
          paidCases,
          Math.floor(paidCases * 0.95),
          fund.toFixed(2),
          (Math.floor(fund * share * 100) / 100).toFixed(2),
          null,
        ];
        for (const [i, v] of values.entries()) cols[i]!.push(v);
      }
    }
    await client.query(
      `INSERT INTO report_row (report_id, region_id, method, stage, eligible_institutions,
         covered_institutions, inpatient_cases, grouped_cases, paid_institution_cases,
         paid_institution_grouped_cases, inpatient_fund, drg_dip_fund, note)
       SELECT * FROM unnest($1::int[], $2::int[], $3::"PaymentMethod"[], $4::"Stage"[], $5::int[],
         $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::numeric[], $12::numeric[],
         $13::text[])`,
      cols,
    );
    rows += cols[0]!.length;
  }
  // written around the app: tell every instance its kept answers are out of date
  await client.query(
    `INSERT INTO data_version (scope, version) VALUES ('*', 1)
     ON CONFLICT (scope) DO UPDATE SET version = data_version.version + 1`,
  );
  return { regions: regions.length, reports, rows };
}
