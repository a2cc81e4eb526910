/** Shapes of the timeline endpoints; the web app imports these types. */
import { type Static, Type } from 'typebox';
import { REGION_EVENTS, STAGES } from '../../domain/types.ts';
import { Nullable, oneOf } from '../shared/schema.ts';

const Timeline = Type.Object(
  Object.fromEntries(REGION_EVENTS.map((e) => [e, Nullable(Type.String())])) as Record<
    (typeof REGION_EVENTS)[number],
    ReturnType<typeof Nullable<ReturnType<typeof Type.String>>>
  >,
);

export const RegionTimelineSchema = Type.Object({
  region: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  fromReports: Timeline,
  corrections: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: oneOf(REGION_EVENTS),
      occurredOn: Type.String(),
      precision: Type.String(),
      source: Type.String(),
      by: Type.String(),
      at: Type.String(),
    }),
  ),
  effective: Timeline,
  stageHistory: Type.Array(Type.Object({ period: Type.String(), stage: oneOf(STAGES) })),
  regressions: Type.Array(
    Type.Object({ period: Type.String(), from: oneOf(STAGES), to: oneOf(STAGES) }),
  ),
});

export const CorrectionBody = Type.Object(
  {
    kind: oneOf(REGION_EVENTS),
    occurredOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    precision: oneOf(['day', 'quarter', 'year'] as const),
    source: Type.String({
      minLength: 4,
      maxLength: 2000,
      description: 'where the date comes from (document, clause, notice)',
    }),
  },
  { additionalProperties: false },
);

export type RegionTimelineDto = Static<typeof RegionTimelineSchema>;
export type TimelineCorrection = Static<typeof CorrectionBody>;
