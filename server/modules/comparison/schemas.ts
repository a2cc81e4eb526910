/** Shapes of the cross-province endpoints (comparison, completeness); the web app imports these types. */
import { type Static, Type } from 'typebox';
import { REPORTING_FREQUENCIES } from '../../domain/reporting-duty.ts';
import { DIMENSIONS, REPORT_STATUSES } from '../../domain/types.ts';
import { ExportQueryFields, Nullable, oneOf, PeriodString } from '../shared/schema.ts';
import { ActualSchema, PlanRefSchema, STATUSES, TargetRefSchema } from '../trajectory/schemas.ts';

export const ComparisonQuery = Type.Object({
  period: PeriodString({ description: 'e.g. 2023Q4' }),
  dimension: Type.Optional(oneOf([...DIMENSIONS, 'all'] as const)),
  ...ExportQueryFields,
});

export const ComparisonRowSchema = Type.Object({
  province: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  dimension: oneOf(DIMENSIONS),
  hasPlan: Type.Boolean(),
  plan: Nullable(PlanRefSchema),
  report: Nullable(Type.Object({ status: oneOf(REPORT_STATUSES), isDemo: Type.Boolean() })),
  actual: Nullable(ActualSchema),
  planned: Nullable(Type.Number()),
  owed: Nullable(Type.Number()),
  nationalPlanned: Nullable(Type.Number()),
  nationalOwed: Nullable(Type.Number()),
  /** actual − planned, percentage points (null when either is missing) */
  gapToPlan: Nullable(Type.Number()),
  gapToNational: Nullable(Type.Number()),
  status: oneOf(STATUSES),
  nationalStatus: oneOf(STATUSES),
  target: Nullable(TargetRefSchema),
  /**
   * Stage milestones (启动 / 模拟付费 / 实际付费 by a date) of the province's regions at the
   * period, under its own and the national plan: the regions that have missed one.
   */
  milestones: Type.Object({
    missed: Type.Integer(),
    regionsMissing: Type.Array(Type.String()),
  }),
});

export const ComparisonResponseSchema = Type.Object({
  period: Type.String(),
  dimensions: Type.Array(oneOf(DIMENSIONS)),
  national: PlanRefSchema,
  isDemo: Type.Boolean(),
  rule: Type.String({ description: 'how the planned value for a quarter is derived' }),
  rows: Type.Array(ComparisonRowSchema),
});

export const CompletenessRowSchema = Type.Object({
  province: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  hasPlan: Type.Boolean(),
  regionCount: Type.Integer(),
  regionsReported: Type.Integer(),
  status: oneOf(['none', ...REPORT_STATUSES] as const),
  submittedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  /** the reporting duty of the province's plan for this quarter (no plan entered: quarterly, the default) */
  duty: Type.Object({
    frequency: oneOf(REPORTING_FREQUENCIES),
    /** the plan's duty covers this quarter: its report is owed */
    owed: Type.Boolean(),
    /** the day after which an owed report not yet submitted is overdue */
    deadline: Nullable(Type.String()),
    startsOn: Nullable(Type.String()),
    /** the plan asks for a monthly dispatch, which the tracker cannot check: only quarter ends are */
    finerThanQuarter: Type.Boolean(),
  }),
  /** owed under the duty, past its deadline and not submitted */
  overdue: Type.Boolean(),
  isDemo: Type.Boolean(),
});

export const CompletenessResponseSchema = Type.Object({
  period: Type.String(),
  /** the default deadline (REPORT_DEADLINE_DAYS after the quarter); a plan's duty may set its own (rows[].duty) */
  deadline: Type.String(),
  rows: Type.Array(CompletenessRowSchema),
});

export type ComparisonRow = Static<typeof ComparisonRowSchema>;
export type ComparisonResponse = Static<typeof ComparisonResponseSchema>;
export type CompletenessRow = Static<typeof CompletenessRowSchema>;
export type CompletenessResponse = Static<typeof CompletenessResponseSchema>;
