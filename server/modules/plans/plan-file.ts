/**
 * The shape of a plan's content: a seed file (seeds/plans/<slug>.yaml) and a draft sent through
 * the API. Its rules beyond the shape are in server/domain/plan-validation.ts.
 */
import { type Static, Type } from 'typebox';
import { REPORTING_FREQUENCIES } from '../../domain/reporting-duty.ts';
import { DIMENSIONS, REGION_EVENTS, STAGES, TARGET_KINDS } from '../../domain/types.ts';
import { Code6, IsoDate, oneOf, Year } from '../shared/schema.ts';

const Clause = Type.Object(
  {
    ref: Type.String({ minLength: 1 }),
    line: Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()]),
    quote: Type.String({ minLength: 4 }),
  },
  { additionalProperties: false },
);

const Scope = Type.Union([
  Type.Literal('province'),
  Type.Object({ cohort: Type.String() }, { additionalProperties: false }),
  Type.Object(
    { regions: Type.Array(Type.String(), { minItems: 1 }) },
    { additionalProperties: false },
  ),
]);

const Pct = Type.Number({ minimum: 0, maximum: 100 });

export const SeedTarget = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    kind: oneOf(TARGET_KINDS),
    dimension: oneOf(DIMENSIONS),
    scope: Scope,
    appliesTo: oneOf(['eachRegion', 'aggregate'] as const),
    subset: Type.Optional(Type.String()),
    minPct: Type.Optional(Pct),
    dueOn: Type.Optional(IsoDate),
    event: Type.Optional(oneOf(REGION_EVENTS)),
    steps: Type.Optional(Type.Array(Pct, { minItems: 1 })),
    compressFromYear: Type.Optional(Year),
    compressedSteps: Type.Optional(Type.Array(Pct, { minItems: 1 })),
    clockFloorYear: Type.Optional(Year),
    nominalStartYear: Type.Optional(Year),
    withinYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    requiredStage: Type.Optional(oneOf(STAGES)),
    soft: Type.Boolean(),
    interpretation: Type.Optional(Type.String()),
    /** the same interpretation in Chinese, for the officials who read the dashboard */
    interpretationZh: Type.Optional(Type.String()),
    conflictsWith: Type.Optional(
      Type.Array(
        Type.Object(
          { key: Type.String(), note: Type.String(), noteZh: Type.Optional(Type.String()) },
          { additionalProperties: false },
        ),
      ),
    ),
    clause: Clause,
  },
  { additionalProperties: false },
);

/** seeds/plans/<slug>.yaml */
export const PlanFile = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    province: Type.Union([Code6, Type.Null()]),
    national: Type.Boolean(),
    version: Type.Integer({ minimum: 1, maximum: 1000 }),
    document: Type.Object(
      {
        number: Type.String({ minLength: 4 }),
        title: Type.String({ minLength: 4 }),
        issuer: Type.String({ minLength: 2 }),
        issuedOn: IsoDate,
        publishedOn: Type.Optional(IsoDate),
        startYear: Type.Integer({ minimum: 2019, maximum: 2035 }),
        endYear: Type.Integer({ minimum: 2019, maximum: 2035 }),
        sourceRef: Type.Optional(Type.String()),
        /** the duty as the document words it (quoted, with its line) */
        reportingDuty: Type.Optional(Type.String()),
        /** the same duty as data (README "Reporting duties"); absent: 'none' */
        reportingFrequency: Type.Optional(oneOf(REPORTING_FREQUENCIES)),
        /** first day reports are owed from; absent: 1 January of startYear */
        reportingStartsOn: Type.Optional(IsoDate),
        /** days after a quarter's end its report is due; absent: REPORT_DEADLINE_DAYS */
        reportingDeadlineDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
        summary: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    cohorts: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }),
            nameZh: Type.String(),
            nameEn: Type.String(),
            definedAs: Type.Optional(Type.String()),
            members: Type.Array(
              Type.Object(
                {
                  region: Type.String(),
                  source: Type.Optional(Type.String()),
                  inferred: Type.Optional(Type.Boolean()),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    targets: Type.Array(SeedTarget, { minItems: 1 }),
    /** clauses read but not encodable as a target, with the reason */
    notEncoded: Type.Optional(
      Type.Array(
        Type.Object({ clause: Clause, reason: Type.String() }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

export type PlanFile = Static<typeof PlanFile>;
export type SeedTarget = Static<typeof SeedTarget>;

/** The body of a plan revision through the API: the same fields as a seed plan file. */
export const PlanContentBody = Type.Object(
  {
    document: PlanFile.properties.document,
    cohorts: PlanFile.properties.cohorts,
    targets: PlanFile.properties.targets,
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'why the plan is revised' })),
  },
  { additionalProperties: false },
);
export type PlanContentBody = Static<typeof PlanContentBody>;
