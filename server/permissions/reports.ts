/** Who may write a province's quarterly report. Reading it is the visibility rule (visibility.ts). */
import {
  type EditorSession,
  isEditorOf,
  isReviewer,
  type Reader,
  type Refusal,
  type ReviewerSession,
} from './session.ts';

/** Only the province's own editors enter, import and submit its figures. */
export const mayEnterReport = (reader: Reader, provinceCode: string): reader is EditorSession =>
  isEditorOf(reader, provinceCode);

/** National reviewers accept or return reports. */
export const mayReview = (reader: Reader): reader is ReviewerSession => isReviewer(reader);

export type ReportAction = 'submit' | 'return' | 'accept';

/** Submitting is the editors' step; accepting and returning the reviewers'. */
export const mayMoveReport = (
  reader: Reader,
  provinceCode: string,
  action: ReportAction,
): reader is EditorSession | ReviewerSession =>
  action === 'submit' ? mayEnterReport(reader, provinceCode) : mayReview(reader);

/** Comments: reviewers, and the province's editors on their own report. */
export const mayComment = (
  reader: Reader,
  provinceCode: string,
): reader is EditorSession | ReviewerSession =>
  mayReview(reader) || mayEnterReport(reader, provinceCode);

export const REFUSED = {
  enter: {
    zh: '只有本省的填报人员可以录入本省报表',
    en: "Only this province's editors can enter its report",
  },
  import: {
    zh: '只有本省的填报人员可以导入本省报表',
    en: "Only this province's editors can import its report",
  },
  submit: {
    zh: '只有本省的填报人员可以提交本省报表',
    en: "Only this province's editors can submit its report",
  },
  review: {
    zh: '只有国家审核人员可以接收或退回报表',
    en: 'Only national reviewers can accept or return reports',
  },
  comment: {
    zh: '只有审核人员和本省填报人员可以评论本省报表',
    en: "Only reviewers and this province's editors can comment on its report",
  },
} satisfies Record<string, Refusal>;
