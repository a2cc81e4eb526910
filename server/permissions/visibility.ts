/**
 * The visibility rule: who reads what of a province's work. Every path that reads reports,
 * plans, warnings or history asks these predicates, so the rule is stated once.
 *
 * - A report's figures are public once reported (submitted or accepted): that is what the
 *   dashboards show. A draft or returned report is its province's own: only its editors,
 *   national reviewers and admins (the province's "insiders") read it; to anyone else it
 *   does not exist (404).
 * - A plan's unpublished draft is read only by those who may draft it (admins, the
 *   province's editors) and by reviewers.
 * - Histories: insiders read every event with the account that made it; anyone else reads only
 *   the events that made content public (a submission, an acceptance, a publication, a seed),
 *   with the role instead of the account and no content beyond status and version. Account
 *   names (who saved, who commented, who corrected a timeline) are for insiders only, and so
 *   are the review comments.
 */
import type { ReportStatus } from '../domain/types.ts';
import { mayDraftPlan } from './plans.ts';
import { isAdmin, isEditorOf, isReviewer, type Reader, type SessionUser } from './session.ts';

/** The statuses whose figures count on every dashboard and are public. */
export const PUBLIC_REPORT_STATUSES = ['submitted', 'accepted'] as const satisfies ReportStatus[];

export const isPublicReport = (status: ReportStatus) =>
  (PUBLIC_REPORT_STATUSES as readonly ReportStatus[]).includes(status);

/** A province's insiders see its work in progress: its own editors, reviewers and admins. */
export const isInsiderOf = (reader: Reader, provinceCode: string): reader is SessionUser =>
  isEditorOf(reader, provinceCode) || isReviewer(reader) || isAdmin(reader);

/** May this reader see this report (its figures, warnings, status)? */
export const mayReadReport = (
  reader: Reader,
  report: { provinceCode: string; status: ReportStatus },
) => isPublicReport(report.status) || isInsiderOf(reader, report.provinceCode);

/** May this reader see a plan's unpublished draft versions (content, history)? */
export const mayReadPlanDrafts = (reader: Reader, plan: { provinceCode: string | null }) =>
  mayDraftPlan(reader, plan.provinceCode) || isReviewer(reader);

/** May this reader see who did what (account names, review comments) in this province's work? */
export const mayReadAccountNames = (reader: Reader, provinceCode: string | null) =>
  provinceCode === null ? isAdmin(reader) || isReviewer(reader) : isInsiderOf(reader, provinceCode);

/** History events that made content public: the only ones an outsider reads. */
export const PUBLIC_HISTORY_ACTIONS: ReadonlySet<string> = new Set([
  'report.submit',
  'report.accept',
  'report.generateDemo',
  'plan.publish',
  'plan.seed',
  'plan.reseed',
]);
