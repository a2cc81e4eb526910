/** Who may do what with a province's quarterly report. */
import type { SessionUser } from '../../plugins/auth.ts';

type Status = 'draft' | 'submitted' | 'accepted' | 'returned';

/** Submitted and accepted reports are public (as the dashboards are); drafts only to their province's editors and reviewers/admins. */
export function canReadReport(
  user: SessionUser | null,
  provinceCode: string,
  status: Status,
  publicDashboard: boolean,
): boolean {
  if (status === 'submitted' || status === 'accepted') return publicDashboard || user !== null;
  if (!user) return false;
  return (
    user.role === 'reviewer' ||
    user.role === 'admin' ||
    (user.role === 'editor' && user.provinceCode === provinceCode)
  );
}

/** Only the province's own editors enter and submit its figures. */
export const canEditReport = (user: SessionUser | null, provinceCode: string) =>
  user?.role === 'editor' && user.provinceCode === provinceCode;

/** National reviewers accept or return reports. */
export const canReview = (user: SessionUser | null) => user?.role === 'reviewer';

/** Comments: reviewers, and the province's editors on their own report. */
export const canComment = (user: SessionUser | null, provinceCode: string) =>
  canReview(user) || canEditReport(user, provinceCode);
