/**
 * The shape of the reviewable reference-data files in seeds/ (YAML). The loader rejects
 * a file that does not match, naming the file and the path of the problem.
 */
import { type Static, Type } from 'typebox';
import { REPORTING_FREQUENCIES } from '../../domain/reporting-duty.ts';
import {
  DIMENSIONS,
  REGION_EVENTS,
  REGION_KINDS,
  STAGES,
  TARGET_KINDS,
} from '../../domain/types.ts';
import { oneOf } from '../shared/schema.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Code6 = Type.String({ pattern: '^\\d{6}$' });
// Every integer is bounded: 9007199254740993 must be a 400 at its field, not a 500 from an
// int4 column (or a value JSON silently rounded to …992).
const Year = Type.Integer({ minimum: 1990, maximum: 2100 });

/** seeds/provinces.yaml */
export const ProvinceFile = Type.Array(
  Type.Object(
    {
      code: Code6,
      nameZh: Type.String({ minLength: 2 }),
      nameEn: Type.String({ minLength: 2 }),
      shortZh: Type.String({ minLength: 1 }),
      kind: oneOf(['province', 'autonomousRegion', 'municipality', 'corps'] as const),
    },
    { additionalProperties: false },
  ),
);

const SeedEvent = Type.Object(
  {
    kind: oneOf(REGION_EVENTS),
    on: IsoDate,
    precision: oneOf(['day', 'quarter', 'year'] as const),
    source: Type.String({ minLength: 4 }),
  },
  { additionalProperties: false },
);

/** seeds/regions/<code>-<name>.yaml */
export const RegionFile = Type.Object(
  {
    province: Code6,
    regions: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: '^\\d{6}(-[A-Z0-9]+)?$' }),
          nameZh: Type.String({ minLength: 2 }),
          nameEn: Type.String({ minLength: 2 }),
          kind: oneOf(REGION_KINDS),
          codeSource: oneOf(['GB/T 2260', 'project'] as const),
          /** why this is a coordinating region, where it is not simply a GB/T 2260 division */
          basis: Type.Optional(Type.String({ minLength: 4 })),
          events: Type.Optional(Type.Array(SeedEvent)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

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

export type ProvinceFile = Static<typeof ProvinceFile>;
export type RegionFile = Static<typeof RegionFile>;
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
