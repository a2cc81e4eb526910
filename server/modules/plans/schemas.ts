/** Response shapes of the plan endpoints; the web app imports these types. */
import { type Static, Type } from 'typebox';
import { REPORTING_FREQUENCIES } from '../../domain/reporting-duty.ts';
import { DIMENSIONS, REGION_EVENTS, STAGES, TARGET_KINDS } from '../../domain/types.ts';
import { Nullable, oneOf } from '../shared/schema.ts';

export const ClauseSourceSchema = Type.Object({
  document: Type.String(),
  clauseRef: Type.String(),
  quote: Type.String(),
  line: Nullable(Type.Integer()),
});

export const PlanDocumentSchema = Type.Object({
  slug: Type.String(),
  versionId: Type.Integer(),
  version: Type.Integer(),
  status: Type.String(),
  isNational: Type.Boolean(),
  provinceCode: Nullable(Type.String()),
  number: Type.String(),
  title: Type.String(),
  issuer: Type.String(),
  issuedOn: Type.String(),
  publishedOn: Nullable(Type.String()),
  startYear: Type.Integer(),
  endYear: Type.Integer(),
  sourceRef: Nullable(Type.String()),
  reportingDuty: Nullable(Type.String()),
  /** the duty as data: what completeness and overdue follow */
  reportingFrequency: oneOf(REPORTING_FREQUENCIES),
  reportingStartsOn: Nullable(Type.String()),
  reportingDeadlineDays: Nullable(Type.Integer()),
  summary: Nullable(Type.String()),
});

/**
 * One target, as the plan states it (one row per clause encoded, as in `seeds/`). Calendar
 * fields `{ dimension, year, cohort, minPct, source }` are filled for a level by a date; a
 * ladder counted from each region's launch is one row with its `steps`, and `stepYears` lays
 * them out on the plan's nominal start year (display only: each region runs on its own clock).
 */
export const TargetRowSchema = Type.Object({
  key: Type.String(),
  kind: oneOf(TARGET_KINDS),
  dimension: oneOf(DIMENSIONS),
  year: Nullable(Type.Integer()),
  cohort: Nullable(Type.String()),
  minPct: Nullable(Type.Number()),
  source: ClauseSourceSchema,
  scope: Type.String({ description: 'province | cohort | regions' }),
  regions: Type.Array(Type.String()),
  appliesTo: Type.String(),
  subset: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  event: Nullable(oneOf(REGION_EVENTS)),
  steps: Type.Array(Type.Number()),
  stepYears: Type.Array(Type.Integer(), {
    description:
      'for ladders: the calendar year each step falls in for a region that launches in the nominal start year',
  }),
  compressFromYear: Nullable(Type.Integer()),
  compressedSteps: Type.Array(Type.Number()),
  clockFloorYear: Nullable(Type.Integer()),
  withinYears: Nullable(Type.Integer()),
  requiredStage: Nullable(oneOf(STAGES)),
  soft: Type.Boolean(),
  interpretation: Nullable(Type.String()),
  interpretationZh: Nullable(Type.String()),
  conflictsWith: Type.Array(
    Type.Object({ key: Type.String(), note: Type.String(), noteZh: Nullable(Type.String()) }),
  ),
});

export const CohortSchema = Type.Object({
  key: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  definedAs: Nullable(Type.String()),
  members: Type.Array(
    Type.Object({
      region: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      source: Nullable(Type.String()),
      inferred: Type.Boolean(),
    }),
  ),
});

export const PlanResponseSchema = Type.Object({
  /** true when the province has no plan of its own and the national plan is shown as reference */
  reference: Type.Boolean(),
  document: PlanDocumentSchema,
  cohorts: Type.Array(CohortSchema),
  targets: Type.Array(TargetRowSchema),
});

const FieldChangeSchema = Type.Object({
  field: Type.String(),
  before: Nullable(Type.String()),
  after: Nullable(Type.String()),
});

/** A revision draft against the version in force (domain/plan-diff.ts). */
export const PlanCompareSchema = Type.Object({
  slug: Type.String(),
  inForce: Nullable(Type.Object({ version: Type.Integer() })),
  draft: Type.Object({ version: Type.Integer() }),
  document: Type.Array(FieldChangeSchema),
  targets: Type.Array(
    Type.Object({
      key: Type.String(),
      change: oneOf(['added', 'removed', 'changed'] as const),
      dimension: Type.String(),
      clauseRef: Type.String(),
      fields: Type.Array(FieldChangeSchema),
    }),
  ),
  unchanged: Type.Integer(),
});

/** One row of a plan's versions (draft rows only for those who may read drafts). */
export const PlanVersionSchema = Type.Object({
  versionId: Type.Integer(),
  version: Type.Integer(),
  status: Type.String(),
  documentNumber: Type.String(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
  targets: Type.Integer(),
});

export type PlanVersionDto = Static<typeof PlanVersionSchema>;
export type PlanCompareDto = Static<typeof PlanCompareSchema>;
export type ClauseSourceDto = Static<typeof ClauseSourceSchema>;
export type PlanDocumentDto = Static<typeof PlanDocumentSchema>;
export type TargetRowDto = Static<typeof TargetRowSchema>;
export type CohortDto = Static<typeof CohortSchema>;
export type PlanResponse = Static<typeof PlanResponseSchema>;
