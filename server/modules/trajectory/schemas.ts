/** The shape of the trajectory endpoint: actual vs planned per quarter, for the province, each cohort and each region. */
import { type Static, Type } from 'typebox';
import { CASE_BASES } from '../../domain/coverage.ts';
import { MILESTONE_STATES } from '../../domain/milestones.ts';
import { PROGRESS_STATUSES } from '../../domain/status.ts';
import { DIMENSIONS, PAYMENT_METHODS, STAGES, SUBSETS } from '../../domain/types.ts';
import { ClauseSourceSchema } from '../plans/schemas.ts';
import { Nullable, oneOf } from '../shared/schema.ts';

/** The progress statuses (declared in the domain; their words in domain/vocabulary.ts). */
export const STATUSES = PROGRESS_STATUSES;
export type StatusCode = (typeof STATUSES)[number];

export const TargetRefSchema = Type.Object({
  key: Type.String(),
  planSlug: Type.String(),
  level: Type.Number(),
  dueOn: Type.String(),
  soft: Type.Boolean(),
  interpretation: Nullable(Type.String()),
  interpretationZh: Nullable(Type.String()),
  source: ClauseSourceSchema,
});

/** An exact figure as decimal text: a count ("1234") or, on the fund dimension, 万元 with two decimals ("522348.75"). */
export const Figure = Type.String({ pattern: '^-?\\d+(\\.\\d{2})?$' });

export const ActualSchema = Type.Object({
  numerator: Figure,
  denominator: Figure,
  /** numerator ÷ denominator × 100, two decimals; null when the denominator is 0 */
  pct: Nullable(Type.Number()),
  /**
   * disease groups only: whose cases the rate counts — the institutions paid by DRG/DIP (the
   * plans' 入组率), the whole region (a report saved before those figures were collected), or mixed
   */
  basis: Type.Optional(oneOf(CASE_BASES)),
});

export const PointSchema = Type.Object({
  period: Type.String(),
  /** null: no report for this period */
  actual: Nullable(ActualSchema),
  /** the planned path (interpolated between target dates) */
  planned: Nullable(Type.Number()),
  /** the level due by this quarter's end (step function: strictest target in force) */
  owed: Nullable(Type.Number()),
  nationalPlanned: Nullable(Type.Number()),
  nationalOwed: Nullable(Type.Number()),
  notYetDue: Type.Boolean(),
  targetsInForce: Type.Array(TargetRefSchema),
  nextTarget: Nullable(TargetRefSchema),
  /** regions only: the stage and payment method reported this quarter */
  stage: Nullable(oneOf(STAGES)),
  method: Nullable(oneOf(PAYMENT_METHODS)),
});

export const StatusSchema = Type.Object({
  status: oneOf(STATUSES),
  ratio: Nullable(Type.Number()),
  target: Nullable(TargetRefSchema),
  baseline: Nullable(Type.Object({ period: Type.String(), pct: Type.Number() })),
  /** status overdue (逾期未达标): the first deadline the current value misses, and for how long */
  overdue: Nullable(
    Type.Object({
      since: Type.String(),
      /** whole quarters from the deadline's quarter to the quarter assessed (0: due this quarter) */
      quarters: Type.Integer(),
    }),
  ),
  note: Type.String(),
});

/** A stage deadline of one region (启动 / 模拟付费 / 实际付费 by a date), judged at asOf. */
export const MilestoneSchema = Type.Object({
  key: Type.String(),
  planSlug: Type.String(),
  requiredStage: oneOf(STAGES),
  /** null: counted from an event that has not happened */
  dueOn: Nullable(Type.String()),
  reachedOn: Nullable(Type.String()),
  state: oneOf(MILESTONE_STATES),
  /** read from a share-of-regions target that asks for every region (national 100 % by end-2024) */
  fromShareOfRegions: Type.Boolean(),
  soft: Type.Boolean(),
  interpretation: Nullable(Type.String()),
  interpretationZh: Nullable(Type.String()),
  source: ClauseSourceSchema,
});

export const ProjectionSchema = Type.Object({
  enough: Type.Boolean(),
  reason: Nullable(Type.String()),
  /** the reason in Chinese */
  reasonZh: Nullable(Type.String()),
  targetDate: Nullable(Type.String()),
  targetLevel: Nullable(Type.Number()),
  projectedPct: Nullable(Type.Number()),
  reachesInPeriod: Nullable(Type.String()),
  /** when overdue: the deadline missed (targetDate is then null, targetLevel the level owed) */
  overdueSince: Nullable(Type.String()),
});

export const SeriesSchema = Type.Object({
  scope: oneOf(['province', 'cohort', 'region'] as const),
  key: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  points: Type.Array(PointSchema),
  /** status at the latest period, against the province's own plan */
  status: StatusSchema,
  /** the same against the national plan 医保发〔2021〕48号 */
  nationalStatus: StatusSchema,
  projection: ProjectionSchema,
  /** regions only (empty otherwise): the stage deadlines of the provincial and the national plan at asOf */
  milestones: Type.Array(MilestoneSchema),
});

export const PlanRefSchema = Type.Object({
  slug: Type.String(),
  versionId: Type.Integer(),
  version: Type.Integer(),
  documentNumber: Type.String(),
});

export const TrajectoryResponseSchema = Type.Object({
  province: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  dimension: oneOf(DIMENSIONS),
  /** a named subset of institutions (null: the whole dimension); a report without its figures is "no data" */
  subset: Nullable(oneOf(SUBSETS)),
  plan: Nullable(PlanRefSchema),
  national: PlanRefSchema,
  /** true when any figure shown comes from generated demo reports */
  isDemo: Type.Boolean(),
  periods: Type.Array(Type.String()),
  /** the quarter the statuses and projections are judged at */
  asOf: Type.String(),
  /**
   * The regions the province series rolls up: those the provincial plan binds (Hunan's clauses
   * address "各市州": 湖南省本级 is left out), every region without a plan.
   */
  provinceScope: Type.Object({
    regions: Type.Array(Type.String()),
    leftOut: Type.Array(Type.String()),
  }),
  series: Type.Array(SeriesSchema),
});

/**
 * What the API sends: each target once, in `targets`, and the points refer to it by its index
 * (a 14-region province's trajectory repeated the same targets on every point: 492 KB).
 * The web client expands it back into TrajectoryResponse (compact.ts).
 */
export const PointWireSchema = Type.Object({
  ...PointSchema.properties,
  /** indexes into the answer's `targets` */
  targetsInForce: Type.Array(Type.Integer({ minimum: 0 })),
  nextTarget: Nullable(Type.Integer({ minimum: 0 })),
});

export const TrajectoryWireSchema = Type.Object({
  ...TrajectoryResponseSchema.properties,
  /** every target a point refers to, once */
  targets: Type.Array(TargetRefSchema),
  series: Type.Array(
    Type.Object({ ...SeriesSchema.properties, points: Type.Array(PointWireSchema) }),
  ),
});

export type TargetRef = Static<typeof TargetRefSchema>;
export type PointWire = Static<typeof PointWireSchema>;
export type TrajectoryWire = Static<typeof TrajectoryWireSchema>;
export type Point = Static<typeof PointSchema>;
export type StatusDto = Static<typeof StatusSchema>;
export type ProjectionDto = Static<typeof ProjectionSchema>;
export type SeriesDto = Static<typeof SeriesSchema>;
export type MilestoneDto = Static<typeof MilestoneSchema>;
export type TrajectoryResponse = Static<typeof TrajectoryResponseSchema>;
