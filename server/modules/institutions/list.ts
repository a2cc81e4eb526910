/** A quarter's institution figures as a bureau sent them, and the register a template lists. */
import { type Db, Prisma } from '../../db/client.ts';
import { COLUMN_WORDS } from '../../domain/vocabulary.ts';
import type { Column, Table } from '../exports/tabular.ts';
import { columnHeader, INSTITUTION_COLUMNS, type InstitutionColumnKey } from './columns.ts';
import type { InstitutionRowDto } from './schemas.ts';

type Row = {
  institution_code: string;
  name: string;
  region_code: string;
  region_name_zh: string;
  secondary_public: boolean;
  eligible: boolean;
  paid: boolean;
  method: 'DRG' | 'DIP' | null;
  inpatient_cases: number;
  grouped_cases: number;
  inpatient_fund: string;
  drg_dip_fund: string;
};

const toDto = (r: Row): InstitutionRowDto => ({
  institutionCode: r.institution_code,
  name: r.name,
  regionCode: r.region_code,
  regionNameZh: r.region_name_zh,
  secondaryPublic: r.secondary_public,
  eligible: r.eligible,
  paid: r.paid,
  method: r.method,
  inpatientCases: r.inpatient_cases,
  groupedCases: r.grouped_cases,
  inpatientFund: r.inpatient_fund,
  drgDipFund: r.drg_dip_fund,
});

/** One page of a report's institutions, in region order then by code; `limit` null: all. */
export async function listInstitutions(
  db: Db,
  reportId: number,
  page: { offset: number; limit: number | null; region?: string },
): Promise<{ total: number; rows: InstitutionRowDto[] }> {
  const region = page.region ? Prisma.sql`AND g.code = ${page.region}` : Prisma.empty;
  const [counted] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM institution_quarter f
    JOIN institution i ON i.id = f.institution_id JOIN coordinating_region g ON g.id = i.region_id
    WHERE f.report_id = ${reportId} ${region}`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT i.code AS institution_code, i.name_zh AS name, g.code AS region_code,
      g.name_zh AS region_name_zh, i.secondary_public, f.eligible, f.paid, f.method::text AS method,
      f.inpatient_cases, f.grouped_cases, f.inpatient_fund::text AS inpatient_fund,
      f.drg_dip_fund::text AS drg_dip_fund
    FROM institution_quarter f
    JOIN institution i ON i.id = f.institution_id JOIN coordinating_region g ON g.id = i.region_id
    WHERE f.report_id = ${reportId} ${region}
    ORDER BY g.sort_order, i.code
    OFFSET ${page.offset} ${page.limit === null ? Prisma.empty : Prisma.sql`LIMIT ${page.limit}`}`;
  return { total: counted?.total ?? 0, rows: rows.map(toDto) };
}

/** The register's institutions of a province, for a template with no figures yet. */
export async function registerOf(db: Db, provinceCode: string) {
  return db.$queryRaw<
    Pick<Row, 'institution_code' | 'name' | 'region_code' | 'secondary_public'>[]
  >`
    SELECT i.code AS institution_code, i.name_zh AS name, g.code AS region_code, i.secondary_public
    FROM institution i JOIN coordinating_region g ON g.id = i.region_id
    WHERE g.province_code = ${provinceCode}
    ORDER BY g.sort_order, i.code`;
}

export type SheetRow = Partial<InstitutionRowDto> &
  Pick<InstitutionRowDto, 'institutionCode' | 'name' | 'regionCode' | 'secondaryPublic'>;

const yesNo = (v: boolean | undefined) =>
  v === undefined ? null : v ? COLUMN_WORDS.yes.zh : COLUMN_WORDS.no.zh;

/** The sheet a bureau downloads (template or export) and can import again as it is. */
export function institutionTable(
  filename: string,
  title: string,
  rows: SheetRow[],
): Table<SheetRow> {
  const value = (key: InstitutionColumnKey): Column<SheetRow>['value'] => {
    switch (key) {
      case 'secondaryPublic':
      case 'eligible':
      case 'paid':
        return (r) => yesNo(r[key]);
      default:
        return (r) => r[key] ?? null;
    }
  };
  return {
    filename,
    sheet: 'institutions',
    notes: [title],
    columns: INSTITUTION_COLUMNS.map((c) => ({
      header: columnHeader(c),
      value: value(c.key),
      figure: c.kind === 'count' || c.kind === 'money',
      width: c.kind === 'text' ? 30 : undefined,
    })),
    rows,
  };
}
