import { type Static, Type } from 'typebox';
import { MAX_COUNT, MAX_NOTE, MAX_ROWS } from '../../domain/report-rules.ts';
import { PAYMENT_METHODS, REPORT_STATUSES, STAGES } from '../../domain/types.ts';
import { FieldProblemSchema } from '../shared/problem-schema.ts';
import { Nullable, oneOf, PeriodString } from '../shared/schema.ts';

const Count = Type.Integer({ minimum: 0, maximum: MAX_COUNT });
const Money = Type.Union(
  [
    Type.String({ pattern: '^\\d{1,12}(\\.\\d{1,2})?$' }),
    Type.Number({ minimum: 0, maximum: 999_999_999_999.99 }),
  ],
  { description: '万元, year to date, at most two decimals: "1234.56" or 1234.56' },
);

export const ReportParams = Type.Object({
  code: Type.String({ pattern: '^\\d{6}$' }),
  period: PeriodString({ description: 'e.g. 2024Q3' }),
});

export const ReportRowBody = Type.Object(
  {
    regionCode: Type.String({ minLength: 1, maxLength: 16 }),
    method: Nullable(oneOf(PAYMENT_METHODS)),
    stage: oneOf(STAGES),
    eligibleInstitutions: Count,
    coveredInstitutions: Count,
    inpatientCases: Count,
    groupedCases: Count,
    inpatientFund: Money,
    drgDipFund: Money,
    subsetEligibleInstitutions: Type.Optional(Nullable(Count)),
    subsetCoveredInstitutions: Type.Optional(Nullable(Count)),
    /** cases and grouped cases at the institutions paid by DRG/DIP (the plans' 入组率); both or neither */
    paidInstitutionCases: Type.Optional(Nullable(Count)),
    paidInstitutionGroupedCases: Type.Optional(Nullable(Count)),
    note: Type.Optional(Nullable(Type.String({ maxLength: MAX_NOTE }))),
  },
  { additionalProperties: false },
);

export const SaveReportBody = Type.Object(
  {
    rows: Type.Array(ReportRowBody, { minItems: 1, maxItems: MAX_ROWS }),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const CommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);

export const ReportRowSchema = Type.Object({
  regionCode: Type.String(),
  regionNameZh: Type.String(),
  regionNameEn: Type.String(),
  method: Nullable(oneOf(PAYMENT_METHODS)),
  stage: oneOf(STAGES),
  eligibleInstitutions: Type.Integer(),
  coveredInstitutions: Type.Integer(),
  inpatientCases: Type.Integer(),
  groupedCases: Type.Integer(),
  inpatientFund: Type.String(),
  drgDipFund: Type.String(),
  subsetEligibleInstitutions: Nullable(Type.Integer()),
  subsetCoveredInstitutions: Nullable(Type.Integer()),
  /** null: not given (reports saved before these were collected, or left out) */
  paidInstitutionCases: Nullable(Type.Integer()),
  paidInstitutionGroupedCases: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  /** institutions behind the row (机构明细): its figures are their roll-up; absent otherwise */
  institutions: Type.Optional(Type.Integer()),
});

/** The template's sign-off cells (填报人 / 审核人 / 联系电话 / 填报日期), kept with the report. */
export const SignOffSchema = Type.Object({
  preparedBy: Nullable(Type.String()),
  checkedBy: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  /** YYYY-MM-DD */
  filledOn: Nullable(Type.String()),
});
export type SignOffDto = Static<typeof SignOffSchema>;

export const ReportSchema = Type.Object({
  provinceCode: Type.String(),
  period: Type.String(),
  status: oneOf(REPORT_STATUSES),
  version: Type.Integer(),
  isDemo: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  updatedBy: Nullable(Type.String()),
  signOff: SignOffSchema,
  rows: Type.Array(ReportRowSchema),
  /** regions of the province with no row yet */
  missingRegions: Type.Array(Type.String()),
  /** the warnings the report is judged by: kept at submission, or computed now (warningsAt) */
  warnings: Type.Array(FieldProblemSchema),
  warningsAt: Type.Union([Type.Literal('submission'), Type.Literal('now')], {
    description:
      'submission: the warnings as they stood when the report was submitted; now: computed from today’s figures',
  }),
  /** with warnings kept at submission: the same rules over today's figures (a recomputed view) */
  currentWarnings: Nullable(Type.Array(FieldProblemSchema)),
  comments: Type.Array(
    Type.Object({
      kind: Type.String(),
      body: Type.String(),
      author: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
});

export const ReportListItem = Type.Object({
  provinceCode: Type.String(),
  provinceNameZh: Type.String(),
  provinceNameEn: Type.String(),
  period: Type.String(),
  status: oneOf(REPORT_STATUSES),
  version: Type.Integer(),
  isDemo: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  rowCount: Type.Integer(),
  /** the day after which the report is overdue (the plan's reporting duty); null: not owed */
  deadline: Nullable(Type.String()),
  /** submitted after the deadline, or not yet submitted with the deadline passed */
  overdue: Type.Boolean(),
});

export const ReportListQuery = Type.Object({
  period: Type.Optional(PeriodString()),
  province: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  status: Type.Optional(oneOf(REPORT_STATUSES)),
  overdue: Type.Optional(
    Type.Boolean({ description: 'true: only overdue reports; false: only on time' }),
  ),
});

export { HistorySchema } from '../audit/schemas.ts';

export type ReportRowBody = Static<typeof ReportRowBody>;
export type ReportDto = Static<typeof ReportSchema>;
export type ReportListItemDto = Static<typeof ReportListItem>;
