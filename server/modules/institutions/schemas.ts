import { type Static, Type } from 'typebox';
import { MAX_COUNT } from '../../domain/report-rules.ts';
import { PAYMENT_METHODS, REPORT_STATUSES } from '../../domain/types.ts';
import { Nullable, oneOf } from '../shared/schema.ts';
import { MAX_INSTITUTION_ROWS } from './columns.ts';

const Count = Type.Integer({ minimum: 0, maximum: MAX_COUNT });
const Money = Type.Union(
  [
    Type.String({ pattern: '^\\d{1,12}(\\.\\d{1,2})?$' }),
    Type.Number({ minimum: 0, maximum: 999_999_999_999.99 }),
  ],
  { description: '万元, year to date, at most two decimals: "1234.56" or 1234.56' },
);

/** One institution's quarter, as the JSON body and the importer both deliver it. */
export const InstitutionRowBody = Type.Object(
  {
    institutionCode: Type.String({ minLength: 1, maxLength: 32 }),
    /** needed for an institution the register does not know yet; otherwise its name is kept */
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    regionCode: Type.String({ minLength: 1, maxLength: 16 }),
    /** 二级及以上公立医院: kept in the register; left out, the register's value stands */
    secondaryPublic: Type.Optional(Nullable(Type.Boolean())),
    eligible: Type.Boolean(),
    paid: Type.Boolean(),
    method: Nullable(oneOf(PAYMENT_METHODS)),
    inpatientCases: Count,
    groupedCases: Count,
    inpatientFund: Money,
    drgDipFund: Money,
  },
  { additionalProperties: false },
);
export type InstitutionRow = Static<typeof InstitutionRowBody>;

export const SaveInstitutionsBody = Type.Object(
  {
    // the limit is checked by the handler (413, the import's answer too), not by the schema
    rows: Type.Array(InstitutionRowBody, {
      description: `at most ${MAX_INSTITUTION_ROWS} institutions; an empty list removes the quarter's institution detail`,
    }),
  },
  { additionalProperties: false },
);

/** A region's roll-up: what its row of the report now holds, and what the audit trail keeps. */
export const RegionRollUpSchema = Type.Object({
  regionCode: Type.String(),
  institutions: Type.Integer(),
  eligibleInstitutions: Type.Integer(),
  coveredInstitutions: Type.Integer(),
  inpatientCases: Type.Integer(),
  groupedCases: Type.Integer(),
  inpatientFund: Type.String(),
  drgDipFund: Type.String(),
});
export type RegionRollUpDto = Static<typeof RegionRollUpSchema>;

export const SavedInstitutionsSchema = Type.Object({
  provinceCode: Type.String(),
  period: Type.String(),
  /** the report's version after the save (its ETag) and status */
  version: Type.Integer(),
  status: oneOf(REPORT_STATUSES),
  institutions: Type.Integer(),
  /** institutions the register did not know, created under their region */
  createdInstitutions: Type.Integer(),
  regions: Type.Array(RegionRollUpSchema),
});

export type SavedInstitutionsDto = Static<typeof SavedInstitutionsSchema>;

export const InstitutionListQuery = Type.Object({
  format: Type.Optional(oneOf(['json', 'csv', 'xlsx'] as const)),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  region: Type.Optional(Type.String({ maxLength: 16, description: 'one region code' })),
});

export const InstitutionRowSchema = Type.Object({
  institutionCode: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  regionNameZh: Type.String(),
  secondaryPublic: Type.Boolean(),
  eligible: Type.Boolean(),
  paid: Type.Boolean(),
  method: Nullable(oneOf(PAYMENT_METHODS)),
  inpatientCases: Type.Integer(),
  groupedCases: Type.Integer(),
  inpatientFund: Type.String(),
  drgDipFund: Type.String(),
});
export type InstitutionRowDto = Static<typeof InstitutionRowSchema>;

export const InstitutionListSchema = Type.Object({
  provinceCode: Type.String(),
  period: Type.String(),
  version: Type.Integer(),
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  rows: Type.Array(InstitutionRowSchema),
});
