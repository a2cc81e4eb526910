/**
 * A quarter's figures checked in one pass against the province's regions: every row, every
 * field's form and every rule, answered as one 422 that lists them all. A JSON body the
 * route's schema refused is checked here too, so a 3-decimal amount in one row and covered >
 * eligible in another come back together, in the domain's words.
 */
import { type Db, Prisma, prismaSql, type Sql } from '../../db/client.ts';
import { hardErrors, MAX_ROWS, ROW_FIELDS, type RuleProblem } from '../../domain/report-rules.ts';
import { type FieldProblem, fieldsFromValidation, Problem } from '../../plugins/problem.ts';

/**
 * The province's regions, and those the rows name (to say "of another province"): not all
 * 4,000. A save reads the province's once, in the query that loads the report, for the check,
 * the rows' region ids and its answer; the others only when a row names one (`withNamed`).
 */
export async function regionsNamed(
  sql: Sql,
  provinceCode: string,
  rows: readonly unknown[],
): Promise<NamedRegion[]> {
  const [one] = await sql<{ regions: RegionTuple[] }>(
    Prisma.sql`SELECT ${regionsJson(provinceRegions(provinceCode))} AS regions`,
  );
  return withNamed(sql, one!.regions.map(namedRegion), { rows });
}

/** The province's regions, as a relation `g` of coordinating_region rows (read by its index). */
export const provinceRegions = (provinceCode: string) =>
  Prisma.sql`(SELECT * FROM coordinating_region WHERE province_code = ${provinceCode}) g`;

/**
 * `regions`, and the regions not among them that the rows name by code or `ids` name (a region
 * since moved to another province that still has rows here): read only when there are such,
 * which is rare, so the common case costs no query.
 */
export async function withNamed(
  sql: Sql,
  regions: NamedRegion[],
  also: { rows?: readonly unknown[]; ids?: Iterable<number> },
): Promise<NamedRegion[]> {
  const codes = new Set(regions.map((r) => r.code));
  const ids = new Set(regions.map((r) => r.id));
  const otherCodes = new Set<string>();
  for (const r of also.rows ?? []) {
    const code = (r as { regionCode?: unknown } | null)?.regionCode;
    if (typeof code === 'string' && !codes.has(code)) otherCodes.add(code);
  }
  const otherIds = [...new Set(also.ids)].filter((id) => !ids.has(id));
  if (otherCodes.size === 0 && otherIds.length === 0) return regions;
  const [one] = await sql<{ regions: RegionTuple[] }>(
    Prisma.sql`SELECT ${regionsJson(Prisma.sql`(SELECT * FROM coordinating_region
      WHERE code = ANY(${[...otherCodes]}::text[]) OR id = ANY(${otherIds}::int[])) g`)} AS regions`,
  );
  return [...regions, ...one!.regions.map(namedRegion)];
}

/** The regions of `regions` (a relation `g`) as one JSON array of tuples (RegionTuple): 400 regions, one value. */
export const regionsJson = (regions: Prisma.Sql) => Prisma.sql`(SELECT coalesce(json_agg(
    json_build_array(g.id, g.code, g.province_code, g.name_zh, g.name_en, g.sort_order)), '[]')
  FROM ${regions})`;

export type RegionTuple = [number, string, string, string, string, number];

export const namedRegion = ([
  id,
  code,
  provinceCode,
  nameZh,
  nameEn,
  sortOrder,
]: RegionTuple): NamedRegion => ({
  id,
  code,
  provinceCode,
  nameZh,
  nameEn,
  sortOrder,
});

export interface NamedRegion {
  id: number;
  code: string;
  provinceCode: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
}

/**
 * The hard errors of `rows` (paths `/rows/3/coveredInstitutions`); `skip` as in hardErrors.
 * `regions`: the province's as already read (the regions of other provinces the rows name are
 * read here).
 */
export async function figureProblems(
  db: Db,
  provinceCode: string,
  rows: readonly unknown[],
  skip?: ReadonlySet<string>,
  regions?: NamedRegion[],
): Promise<RuleProblem[]> {
  const sql = prismaSql(db);
  const named = regions
    ? await withNamed(sql, regions, { rows })
    : await regionsNamed(sql, provinceCode, rows);
  return hardErrors(
    rows,
    {
      provinceRegions: new Set(
        named.filter((r) => r.provinceCode === provinceCode).map((r) => r.code),
      ),
      knownRegions: new Map(named.map((r) => [r.code, r.provinceCode])),
    },
    skip,
  );
}

export const invalidFigures = (problems: FieldProblem[]) =>
  new Problem(
    422,
    'invalidFigures',
    `报表有 ${problems.length} 处错误，未保存`,
    `The report has ${problems.length} error(s); nothing was saved`,
    problems,
  );

const ROW_FIELD = new RegExp(`^/body/rows/\\d+(?:/(?:${ROW_FIELDS.join('|')}))?$`);

/**
 * A save body the schema refused. When it still holds rows, they are checked like any other
 * (the schema's complaints about a row's fields give way to the domain's, which say more);
 * what the schema found elsewhere (an unknown property) is kept. With no row problem at all,
 * or no rows to check, the schema's own 400 stands.
 */
export async function refusedBody(
  db: Db,
  provinceCode: string,
  body: unknown,
  error: Error & { validation?: unknown; validationContext?: string },
): Promise<Error> {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (error.validationContext !== 'body' || !Array.isArray(rows) || rows.length > MAX_ROWS)
    return error;
  const domain = (await figureProblems(db, provinceCode, rows)).map((p) => ({
    ...p,
    path: `/body${p.path}`,
  }));
  if (domain.length === 0) return error;
  const schema = fieldsFromValidation(
    Array.isArray(error.validation) ? error.validation : [],
    'body',
  ).filter((p) => !ROW_FIELD.test(p.path));
  return invalidFigures([...domain, ...schema]);
}
