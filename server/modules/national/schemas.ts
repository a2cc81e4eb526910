/** Shape of the national (全国) endpoint; the web app imports these types. */
import { type Static, Type } from 'typebox';
import { DIMENSIONS } from '../../domain/types.ts';
import { PublishedFigureSchema } from '../reference/published-figures.ts';
import { Nullable, oneOf } from '../shared/schema.ts';
import { ActualSchema, PlanRefSchema } from '../trajectory/schemas.ts';

export const NationalQuery = Type.Object({ dimension: oneOf(DIMENSIONS) });

export const NationalPointSchema = Type.Object({
  period: Type.String(),
  /** all reporting provinces' numerators and denominators added; null: no province reported */
  actual: Nullable(ActualSchema),
  /** the national plan (医保发〔2021〕48号) for the country: planned path and level owed, % */
  nationalPlanned: Nullable(Type.Number()),
  nationalOwed: Nullable(Type.Number()),
  /** reported: weighted by the reporting provinces' denominators; equal: nobody reported, every region the same */
  weighting: oneOf(['reported', 'equal'] as const),
  provincesReported: Type.Integer(),
  regionsReported: Type.Integer(),
  demoProvinces: Type.Integer(),
});

export const PublishedPointSchema = Type.Object({
  ...PublishedFigureSchema.properties,
  /** the quarter the figure is drawn at (the quarter its asOf date falls in) */
  period: Type.String(),
});

export const NationalResponseSchema = Type.Object({
  dimension: oneOf(DIMENSIONS),
  national: PlanRefSchema,
  provinceCount: Type.Integer(),
  regionCount: Type.Integer(),
  /** any figure drawn is demo data */
  isDemo: Type.Boolean(),
  points: Type.Array(NationalPointSchema),
  /** published national figures for this dimension (seeds/published-figures.yaml), each with its own definition */
  published: Type.Array(PublishedPointSchema),
  rule: Type.Object({ zh: Type.String(), en: Type.String() }),
});

export type NationalPoint = Static<typeof NationalPointSchema>;
export type PublishedPoint = Static<typeof PublishedPointSchema>;
export type NationalResponse = Static<typeof NationalResponseSchema>;
