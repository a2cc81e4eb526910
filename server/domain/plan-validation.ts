/**
 * The rules a plan's content must meet, whether it comes from a seed file or from an editor's
 * draft: cross-references (cohort members and named regions exist, conflicts point at real
 * targets), the fields each target kind needs, dates that exist. Every broken rule is reported,
 * each with its path and a Chinese and an English message, so one answer lists them all.
 */
import { isIsoDate } from './periods.ts';
import type { FieldProblem } from './problem.ts';
import type { TargetKind } from './types.ts';

/** A real calendar date (no 30 February) in a plausible range. */
export const isPlausibleDate = (d: string) =>
  isIsoDate(d) && d >= '1990-01-01' && d <= '2100-12-31';

/** The parts of a plan these rules read (a seed file and a draft body both have them). */
export interface PlanToCheck {
  national: boolean;
  province: string | null;
  document: { startYear: number; endYear: number; issuedOn?: string; publishedOn?: string };
  cohorts?: { key: string; members: { region: string; inferred?: boolean; source?: unknown }[] }[];
  targets: TargetToCheck[];
}

interface TargetToCheck {
  key: string;
  kind: TargetKind;
  dimension: string;
  scope: 'province' | { cohort: string } | { regions: string[] } | unknown;
  dueOn?: string;
  minPct?: number;
  event?: unknown;
  steps?: unknown;
  withinYears?: number;
  requiredStage?: unknown;
  compressFromYear?: number;
  compressedSteps?: unknown;
  soft?: boolean;
  interpretation?: string;
  interpretationZh?: string;
  conflictsWith?: { key: string; noteZh?: string }[];
}

const NEEDS: Record<TargetKind, (keyof TargetToCheck)[]> = {
  calendarLevel: ['minPct', 'dueOn'],
  eventLadder: ['event', 'steps'],
  eventDeadline: ['event', 'withinYears', 'minPct'],
  levelAtEvent: ['event', 'minPct'],
  stageMilestone: ['requiredStage'],
};

/**
 * Every rule `plan` breaks. `regions` are the province's coordinating region codes (null when
 * the province has none on record, which is itself a problem for a provincial plan).
 */
export function planProblems(
  plan: PlanToCheck,
  regions: ReadonlySet<string> | null,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (path: string, code: string, zh: string, en: string) =>
    out.push({ path, code, zh, en });
  if (plan.national !== (plan.province === null))
    add(
      '/province',
      'nationalProvince',
      '国家方案的省份为空，省级方案须写明省份',
      'A national plan has province null; a provincial plan names its province',
    );
  const doc = plan.document;
  if (doc.endYear < doc.startYear)
    add('/document/endYear', 'endsBeforeStart', '结束年份早于开始年份', 'Ends before it starts');
  const checkDate = (path: string, d: string | undefined) => {
    if (d !== undefined && !isPlausibleDate(d))
      add(
        path,
        'notADate',
        `${d} 不是 1990–2100 年间的有效日期`,
        `${d} is not a calendar date between 1990 and 2100`,
      );
  };
  checkDate('/document/issuedOn', doc.issuedOn);
  checkDate('/document/publishedOn', doc.publishedOn);
  if (plan.province && !regions)
    add(
      '/province',
      'noRegions',
      `省份 ${plan.province} 没有统筹地区名录`,
      `No regions on record for province ${plan.province}`,
    );
  const known = regions ?? new Set<string>();
  const unknownRegion = (path: string, r: string) =>
    add(
      path,
      'unknownRegion',
      `未知统筹地区 ${r}`,
      `Unknown region ${r} for province ${plan.province}`,
    );

  const cohortKeys = new Set<string>();
  (plan.cohorts ?? []).forEach((c, i) => {
    if (cohortKeys.has(c.key))
      add(`/cohorts/${i}/key`, 'duplicate', `批次 ${c.key} 重复`, `Duplicate cohort ${c.key}`);
    cohortKeys.add(c.key);
    const seen = new Set<string>();
    c.members.forEach((m, j) => {
      const at = `/cohorts/${i}/members/${j}`;
      if (seen.has(m.region))
        add(`${at}/region`, 'duplicate', `${m.region} 重复列出`, `${m.region} is listed twice`);
      seen.add(m.region);
      if (!known.has(m.region)) unknownRegion(`${at}/region`, m.region);
      if (!m.inferred && !m.source)
        add(
          at,
          'sourceRequired',
          '批次成员须注明来源，或标明 inferred: true',
          'A member needs a source, or inferred: true',
        );
    });
  });

  const keys = new Set(plan.targets.map((t) => t.key));
  const seenKeys = new Set<string>();
  plan.targets.forEach((t, i) => {
    const at = `/targets/${i}`;
    if (seenKeys.has(t.key))
      add(`${at}/key`, 'duplicate', `目标标识 ${t.key} 重复`, `Duplicate key ${t.key}`);
    seenKeys.add(t.key);
    for (const field of NEEDS[t.kind])
      if (t[field] === undefined)
        add(at, 'fieldRequired', `${t.kind} 类目标须有 ${field}`, `${t.kind} needs ${field}`);
    checkDate(`${at}/dueOn`, t.dueOn);
    if (t.kind === 'stageMilestone') {
      if (t.dimension !== 'regions')
        add(
          `${at}/dimension`,
          'wrongDimension',
          '阶段里程碑属于统筹地区维度',
          'A stage milestone belongs to the regions dimension',
        );
      if (!t.dueOn && !(t.event && t.withinYears))
        add(
          at,
          'fieldRequired',
          '阶段里程碑须有 dueOn，或 event 与 withinYears',
          'A stage milestone needs dueOn, or event and withinYears',
        );
    }
    if (t.compressFromYear !== undefined && !t.compressedSteps)
      add(
        at,
        'fieldRequired',
        'compressFromYear 须配合 compressedSteps',
        'compressFromYear needs compressedSteps',
      );
    if (t.soft && !t.interpretation)
      add(
        `${at}/interpretation`,
        'interpretationRequired',
        '弹性目标须写明所采用的解读',
        'A soft target states the interpretation chosen',
      );
    if (t.interpretation && !t.interpretationZh)
      add(
        `${at}/interpretationZh`,
        'chineseRequired',
        '解读须同时给出中文（interpretationZh）',
        'An interpretation is also given in Chinese (interpretationZh)',
      );
    const scope = t.scope as { cohort?: string; regions?: string[] };
    if (typeof t.scope === 'object' && scope.cohort !== undefined && !cohortKeys.has(scope.cohort))
      add(
        `${at}/scope`,
        'unknownCohort',
        `未知批次 ${scope.cohort}`,
        `Unknown cohort ${scope.cohort}`,
      );
    if (typeof t.scope === 'object' && scope.regions !== undefined) {
      if (plan.national)
        add(
          `${at}/scope`,
          'nationalRegions',
          '国家方案不能指定统筹地区',
          'The national plan cannot name regions',
        );
      scope.regions.forEach((r, j, all) => {
        if (!known.has(r)) unknownRegion(`${at}/scope/regions/${j}`, r);
        if (all.indexOf(r) !== j)
          add(`${at}/scope/regions/${j}`, 'duplicate', `${r} 重复列出`, `${r} is named twice`);
      });
    }
    const conflicts = t.conflictsWith ?? [];
    conflicts.forEach((c, j) => {
      const cAt = `${at}/conflictsWith/${j}`;
      if (conflicts.findIndex((x) => x.key === c.key) !== j)
        add(cAt, 'duplicate', `${c.key} 重复列出`, `${c.key} is listed twice`);
      if (!keys.has(c.key))
        add(cAt, 'unknownTarget', `未知目标 ${c.key}`, `Unknown target ${c.key}`);
      if (c.key === t.key)
        add(cAt, 'selfConflict', '目标不能与自身冲突', 'A target cannot conflict with itself');
      if (!c.noteZh)
        add(
          `${cAt}/noteZh`,
          'chineseRequired',
          '冲突说明须同时给出中文（noteZh）',
          'The note is also given in Chinese (noteZh)',
        );
    });
  });
  return out;
}
