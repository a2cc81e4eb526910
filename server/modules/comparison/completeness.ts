/**
 * Who has reported a period, submitted, been accepted; who is overdue — each province against
 * the reporting duty of its own plan (server/domain/reporting-duty.ts): Hunan owes quarters
 * from June 2022, Inner Mongolia owes none, a province whose plan is not entered owes the
 * tracker's default (quarterly), and
 * Fujian's monthly dispatch is checked only at quarter ends (and says so).
 */
import type { Db } from '../../db/client.ts';
import { addDays, quarterEnd } from '../../domain/periods.ts';
import { dutyOfPlan, quarterDuty } from '../../domain/reporting-duty.ts';
import { planInForceDuty } from '../shared/plan-duty.ts';
import type { CompletenessResponse } from './schemas.ts';

export function reportingDeadline(period: string, deadlineDays: number): string {
  return addDays(quarterEnd(period), deadlineDays);
}

export async function completeness(
  db: Db,
  period: string,
  deadlineDays: number,
  today = new Date(),
): Promise<CompletenessResponse> {
  const todayIso = today.toISOString().slice(0, 10);
  const provinces = await db.province.findMany({
    orderBy: { sortOrder: 'asc' },
    include: {
      _count: { select: { regions: true } },
      plans: planInForceDuty,
      reports: { where: { period }, include: { _count: { select: { rows: true } } } },
    },
  });
  return {
    period,
    deadline: reportingDeadline(period, deadlineDays),
    rows: provinces.map((p) => {
      const rep = p.reports[0];
      const done = rep?.status === 'submitted' || rep?.status === 'accepted';
      const version = p.plans.flatMap((pl) => pl.versions)[0];
      // A province whose plan is not entered here owes the tracker's default (quarterly).
      const duty = dutyOfPlan(version);
      const q = quarterDuty(duty, version?.startYear ?? 2022, period, deadlineDays);
      return {
        province: { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn },
        hasPlan: p.plans.length > 0,
        regionCount: p._count.regions,
        regionsReported: rep?._count.rows ?? 0,
        status: rep?.status ?? 'none',
        submittedAt: rep?.submittedAt?.toISOString() ?? null,
        acceptedAt: rep?.acceptedAt?.toISOString() ?? null,
        duty: { frequency: duty.frequency, ...q },
        // owed under the plan's duty, past its deadline, not submitted; only provinces whose
        // coordinating regions are registered can report
        overdue:
          q.owed && q.deadline !== null && todayIso > q.deadline && p._count.regions > 0 && !done,
        isDemo: rep?.isDemo ?? false,
      };
    }),
  };
}
