import { type Static, Type } from 'typebox';

export const ProvinceParams = Type.Object({
  code: Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 code, e.g. 430000' }),
});

export const ProvinceSummarySchema = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  shortZh: Type.String(),
  kind: Type.String(),
  hasPlan: Type.Boolean(),
  plan: Type.Union([
    Type.Object({
      slug: Type.String(),
      documentNumber: Type.String(),
      version: Type.Integer(),
      startYear: Type.Integer(),
      endYear: Type.Integer(),
    }),
    Type.Null(),
  ]),
  regionCount: Type.Integer(),
  latestPeriod: Type.Union([Type.String(), Type.Null()]),
  /** when a public (submitted or accepted) report of the province last changed: "data as of" */
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  hasDemoData: Type.Boolean(),
});

export const RegionSchema = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Type.String(),
  codeSource: Type.String(),
});

export type ProvinceSummary = Static<typeof ProvinceSummarySchema>;
export type RegionDto = Static<typeof RegionSchema>;
