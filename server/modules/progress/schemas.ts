import { type Static, Type } from 'typebox';
import { DIMENSIONS } from '../../domain/types.ts';
import { ExportQueryFields, Nullable, oneOf } from '../shared/schema.ts';
import { Figure } from '../trajectory/schemas.ts';

export const ProgressPointSchema = Type.Object({
  period: Type.String(),
  numerator: Figure,
  denominator: Figure,
  /** numerator / denominator × 100, two decimals; null when the denominator is 0 */
  pct: Nullable(Type.Number()),
  regionsReported: Type.Integer(),
});

export const ProgressSeriesSchema = Type.Object({
  scope: oneOf(['province', 'cohort'] as const),
  key: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  points: Type.Array(ProgressPointSchema),
});

export const ProgressResponseSchema = Type.Object({
  province: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  isDemo: Type.Boolean(),
  periods: Type.Array(Type.String()),
  dimensions: Type.Object(
    Object.fromEntries(DIMENSIONS.map((d) => [d, Type.Array(ProgressSeriesSchema)])) as Record<
      (typeof DIMENSIONS)[number],
      ReturnType<typeof Type.Array<typeof ProgressSeriesSchema>>
    >,
  ),
});

export const ProgressQuery = Type.Object({ ...ExportQueryFields });

export type ProgressPoint = Static<typeof ProgressPointSchema>;
export type ProgressSeries = Static<typeof ProgressSeriesSchema>;
export type ProgressResponse = Static<typeof ProgressResponseSchema>;
