/**
 * The shape of the reviewable reference-data files in seeds/ (YAML): provinces and regions here,
 * plans in server/modules/plans/plan-file.ts (a draft through the API has the same shape). The
 * loader rejects a file that does not match, naming the file and the path of the problem.
 */
import { type Static, Type } from 'typebox';
import { REGION_EVENTS, REGION_KINDS } from '../../domain/types.ts';
import { Code6, IsoDate, oneOf } from '../shared/schema.ts';

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

export type ProvinceFile = Static<typeof ProvinceFile>;
export type RegionFile = Static<typeof RegionFile>;
