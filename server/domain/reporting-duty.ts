/**
 * What a plan makes its regions report, as data (issue 11.11): how often, from when, and how
 * long after a quarter's end the report is due. The tracker collects one report per province
 * and quarter; whether that report is owed, and when it becomes overdue, follows the duty of
 * the province's plan:
 *
 * - quarterly (辽宁 "建立季调度制度，自 2022 年起各市每季末将工作进展情况报送省医保局";
 *   湖南 "2022年6月份起，按季度调度各市州改革推进情况"): every quarter from the start is owed;
 * - monthly (福建 "各地年内每月底报送改革工作进展"): the tracker checks the quarter that holds
 *   the months — it cannot see the monthly dispatch itself, and says so;
 * - unspecified (安徽 "建立工作交流、调度督导机制", no frequency) and none (内蒙古: only
 *   "适时" evaluation; the national plan sets none for provinces): no quarter is owed, so none
 *   is ever overdue.
 *
 * A province whose own plan is not in the tracker has one all the same (every province
 * implements 医保发〔2021〕48号 with a plan of its own); until it is entered, the tracker's
 * default duty applies: quarterly from 2022 (DEFAULT_DUTY).
 *
 * Defaults (stated in the README): the duty starts on 1 January of the plan's first year; a
 * quarter's report is due REPORT_DEADLINE_DAYS (15) days after the quarter ends.
 */
import { addDays, comparePeriods, formatPeriod, quarterEnd, yearStart } from './periods.ts';
import type { Period } from './types.ts';

export const REPORTING_FREQUENCIES = ['quarterly', 'monthly', 'unspecified', 'none'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

export interface ReportingDuty {
  frequency: ReportingFrequency;
  /** ISO date the duty starts (null: 1 January of the plan's first year) */
  startsOn: string | null;
  /** days after a quarter's end (null: the configured default) */
  deadlineDays: number | null;
}

export const NO_DUTY: ReportingDuty = { frequency: 'none', startsOn: null, deadlineDays: null };

/** The duty of a province whose own plan is not entered: a quarterly report from 2022. */
export const DEFAULT_DUTY: ReportingDuty = {
  frequency: 'quarterly',
  startsOn: null,
  deadlineDays: null,
};

/** A plan version's duty as stored; no version entered: the tracker's default (quarterly). */
export function dutyOfPlan(
  version:
    | {
        reportingFrequency: ReportingFrequency;
        reportingStartsOn: Date | null;
        reportingDeadlineDays: number | null;
      }
    | undefined,
): ReportingDuty {
  if (!version) return DEFAULT_DUTY;
  return {
    frequency: version.reportingFrequency,
    startsOn: version.reportingStartsOn?.toISOString().slice(0, 10) ?? null,
    deadlineDays: version.reportingDeadlineDays,
  };
}

export interface QuarterDuty {
  /** the plan's duty covers this quarter: its report is owed */
  owed: boolean;
  /** the day after which an owed report not yet submitted is overdue (null: not owed) */
  deadline: string | null;
  /** the first day reports are owed (null: the plan sets no periodic duty) */
  startsOn: string | null;
  /** true when the plan asks for more than the tracker can check (a monthly dispatch) */
  finerThanQuarter: boolean;
}

/** Whether `period`'s report is owed under `duty`, and by when. */
export function quarterDuty(
  duty: ReportingDuty,
  planStartYear: number,
  period: Period,
  defaultDeadlineDays: number,
): QuarterDuty {
  const periodic = duty.frequency === 'quarterly' || duty.frequency === 'monthly';
  if (!periodic) return { owed: false, deadline: null, startsOn: null, finerThanQuarter: false };
  const startsOn = duty.startsOn ?? yearStart(planStartYear);
  const end = quarterEnd(period);
  // A quarter is owed when the duty runs on its last day: Hunan's "6月份起" owes 2022Q2, not 2022Q1.
  const owed = end >= startsOn;
  return {
    owed,
    deadline: owed ? addDays(end, duty.deadlineDays ?? defaultDeadlineDays) : null,
    startsOn,
    finerThanQuarter: duty.frequency === 'monthly',
  };
}

/**
 * Whether a quarter can be reported at all (issue 11.12: time does not stop at a plan's last
 * year). Reporting runs from the first quarter of the earliest plan a province follows to the
 * quarter `today` falls in — end-states ("到2025年底…全覆盖") stay owed after their date, so
 * 2026 is reported like any year. A later quarter has not begun: 'future'.
 */
export function periodReportable(
  period: Period,
  firstPlanYear: number,
  today: Date,
): 'ok' | 'beforePlans' | 'future' {
  if (comparePeriods(period, `${firstPlanYear}Q1`) < 0) return 'beforePlans';
  const current = formatPeriod(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) + 1);
  return comparePeriods(period, current) > 0 ? 'future' : 'ok';
}
