/**
 * An institution sheet checked in one pass, whichever way it came (JSON or a file): every row,
 * against the province's regions and the institution register, answered as one 422 that lists
 * every problem with its path (`/rows/12/groupedCases`; the importer adds the file's row and
 * column). A sheet over the row limit is refused before anything else, by both paths alike.
 */
import type { Db } from '../../db/client.ts';
import { moneyCents } from '../../domain/numbers.ts';
import { type FieldProblem, Problem } from '../../plugins/problem.ts';
import { MAX_INSTITUTION_ROWS } from './columns.ts';
import type { InstitutionRow } from './schemas.ts';

export interface Registered {
  id: number;
  regionCode: string;
  provinceCode: string;
  name: string;
  secondaryPublic: boolean;
}

/** What the rows are checked against, read once for the whole sheet. */
export interface InstitutionContext {
  provinceCode: string;
  /** every region the rows name or the province has: code → province */
  regions: Map<string, string>;
  /** the register's entries for the codes the rows name */
  register: Map<string, Registered>;
}

export async function institutionContext(
  db: Db,
  provinceCode: string,
  rows: readonly Pick<InstitutionRow, 'institutionCode' | 'regionCode'>[],
): Promise<InstitutionContext> {
  const regionCodes = [...new Set(rows.map((r) => r.regionCode))];
  const codes = [...new Set(rows.map((r) => r.institutionCode))];
  const [regions, register] = await Promise.all([
    db.coordinatingRegion.findMany({
      where: { OR: [{ provinceCode }, { code: { in: regionCodes } }] },
      select: { code: true, provinceCode: true },
    }),
    // one array parameter, whatever the number of codes
    db.$queryRaw<
      {
        id: number;
        code: string;
        region_code: string;
        province_code: string;
        name_zh: string;
        secondary_public: boolean;
      }[]
    >`
      SELECT i.id, i.code, g.code AS region_code, g.province_code, i.name_zh, i.secondary_public
      FROM institution i JOIN coordinating_region g ON g.id = i.region_id
      WHERE i.code = ANY(${codes}::text[])`,
  ]);
  return {
    provinceCode,
    regions: new Map(regions.map((r) => [r.code, r.provinceCode])),
    register: new Map(
      register.map((r) => [
        r.code,
        {
          id: r.id,
          regionCode: r.region_code,
          provinceCode: r.province_code,
          name: r.name_zh,
          secondaryPublic: r.secondary_public,
        },
      ]),
    ),
  };
}

const CODE = /^[0-9A-Za-z._-]{1,32}$/;

/**
 * The problems of `rows`; `skip` names paths whose cell the importer could not read (no second
 * problem there, and no rule that needs that field).
 */
export function institutionProblems(
  rows: readonly InstitutionRow[],
  ctx: InstitutionContext,
  skip: ReadonlySet<string> = new Set(),
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const at = `/rows/${i}`;
    const unread = (f: keyof InstitutionRow) => skip.has(`${at}/${f}`);
    const add = (f: keyof InstitutionRow, code: string, zh: string, en: string) => {
      if (!unread(f)) out.push({ path: `${at}/${f}`, code, zh, en });
    };
    const code = row.institutionCode;
    if (!unread('institutionCode')) {
      if (!CODE.test(code))
        add(
          'institutionCode',
          'badInstitutionCode',
          `机构编码“${code}”应为 1–32 位字母、数字、点、横线或下划线`,
          `Institution code "${code}" must be 1–32 letters, digits, dots, dashes or underscores`,
        );
      else if (seen.has(code))
        add(
          'institutionCode',
          'duplicateInstitution',
          `机构 ${code} 重复（已在第 ${seen.get(code)! + 1} 条）`,
          `Institution ${code} appears twice (also entry ${seen.get(code)! + 1})`,
        );
      else seen.set(code, i);
    }
    const region = row.regionCode;
    const regionProvince = ctx.regions.get(region);
    if (unread('regionCode')) {
      // nothing to compare with
    } else if (!regionProvince)
      add(
        'regionCode',
        'unknownRegion',
        `未知的统筹地区编码 ${region}`,
        `Unknown region code ${region}`,
      );
    else if (regionProvince !== ctx.provinceCode)
      add(
        'regionCode',
        'regionOfAnotherProvince',
        `统筹地区 ${region} 属于其他省份（${regionProvince}）`,
        `Region ${region} belongs to province ${regionProvince}`,
      );
    else {
      const known = ctx.register.get(code);
      if (known && known.provinceCode !== ctx.provinceCode)
        add(
          'institutionCode',
          'institutionOfAnotherProvince',
          `机构 ${code} 已登记在其他省份（${known.provinceCode}）的统筹地区 ${known.regionCode}`,
          `Institution ${code} is registered under region ${known.regionCode} of province ${known.provinceCode}`,
        );
      else if (known && known.regionCode !== region)
        add(
          'regionCode',
          'institutionOfAnotherRegion',
          `机构 ${code} 已登记在统筹地区 ${known.regionCode}，不是 ${region}`,
          `Institution ${code} is registered under region ${known.regionCode}, not ${region}`,
        );
      else if (!known && !row.name?.trim() && !unread('name'))
        add(
          'name',
          'required',
          `机构 ${code} 尚未登记：请填写机构名称`,
          `Institution ${code} is not registered yet: give its name`,
        );
    }
    if (!unread('paid') && !unread('method')) {
      if (row.paid && !row.method)
        add(
          'method',
          'required',
          'DRG/DIP付费的机构须填写付费方式',
          'A paid institution needs its method',
        );
      if (!row.paid && row.method)
        add(
          'method',
          'methodWithoutPayment',
          '未实行DRG/DIP付费的机构不填付费方式',
          'An institution not paid by DRG/DIP has no method',
        );
    }
    if (!unread('paid') && !unread('eligible') && row.paid && !row.eligible)
      add(
        'eligible',
        'paidNotEligible',
        'DRG/DIP付费的机构应为符合条件的机构',
        'An institution paid by DRG/DIP must be eligible',
      );
    if (
      !unread('groupedCases') &&
      !unread('inpatientCases') &&
      row.groupedCases > row.inpatientCases
    )
      add(
        'groupedCases',
        'groupedAboveCases',
        '入组病例数不能超过住院病例数',
        'Grouped cases cannot exceed inpatient cases',
      );
    const fund = moneyCents(row.inpatientFund);
    const paidFund = moneyCents(row.drgDipFund);
    if (!unread('inpatientFund') && fund === null)
      add(
        'inpatientFund',
        'notAnAmount',
        '应为非负金额，最多两位小数',
        'must be an amount ≥ 0 with at most two decimals',
      );
    if (!unread('drgDipFund') && paidFund === null)
      add(
        'drgDipFund',
        'notAnAmount',
        '应为非负金额，最多两位小数',
        'must be an amount ≥ 0 with at most two decimals',
      );
    if (fund !== null && paidFund !== null && paidFund > fund)
      add(
        'drgDipFund',
        'fundAboveTotal',
        'DRG/DIP付费基金支出不能超过住院基金支出',
        'The DRG/DIP-paid fund cannot exceed the inpatient fund',
      );
  });
  return out;
}

/** The most problems one answer lists: a sheet wrong in every row would otherwise be megabytes. */
export const MAX_LISTED_PROBLEMS = 200;

export const invalidInstitutions = (problems: FieldProblem[], extra = {}) =>
  new Problem(
    422,
    'invalidInstitutions',
    `机构明细有 ${problems.length} 处错误，未保存任何数据${problems.length > MAX_LISTED_PROBLEMS ? `（列出前 ${MAX_LISTED_PROBLEMS} 处）` : ''}`,
    `The institution figures have ${problems.length} problem(s); nothing was saved${problems.length > MAX_LISTED_PROBLEMS ? ` (the first ${MAX_LISTED_PROBLEMS} listed)` : ''}`,
    problems.slice(0, MAX_LISTED_PROBLEMS),
    { ...extra, problemCount: problems.length },
  );

/** One sheet over the limit, sent as JSON or as a file: the same answer. */
export const tooManyInstitutions = (count: number | null, path: string) =>
  new Problem(
    413,
    'tooManyInstitutions',
    `${count === null ? '机构数' : `共 ${count} 家机构，`}超过每个季度的上限 ${MAX_INSTITUTION_ROWS}：未保存任何数据`,
    `${count === null ? 'More' : `${count}`} institutions${count === null ? ' than' : ', more than'} the ${MAX_INSTITUTION_ROWS} a quarter may carry; nothing was saved`,
    [
      {
        path,
        code: 'tooManyInstitutions',
        zh: `最多 ${MAX_INSTITUTION_ROWS} 家机构`,
        en: `${MAX_INSTITUTION_ROWS} institutions at most`,
      },
    ],
    { limit: MAX_INSTITUTION_ROWS },
  );
