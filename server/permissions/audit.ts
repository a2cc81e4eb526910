/**
 * Who reads the audit trail as a whole: the auditor (审计员), and only the auditor. 等保 2.0
 * (GB/T 22239-2019 8.1.4.2 访问控制 c, 8.1.4.3 安全审计) asks for the least privilege each
 * account needs and for the administrators' and the auditors' duties to be kept apart: an
 * auditor reads every write and lockout but reads no draft and changes nothing; an
 * administrator manages accounts but does not browse the trail of everything (each report's
 * and plan's own history stays readable where it was).
 */
import type { Reader, Refusal, SessionUser } from './session.ts';

/** An auditor (审计员): reads the audit trail, nothing else beyond the public dashboards. */
export type AuditorSession = SessionUser & { role: 'auditor' };

export const isAuditor = (reader: Reader): reader is AuditorSession => reader?.role === 'auditor';

export const mayReadAuditTrail = (reader: Reader): reader is AuditorSession => isAuditor(reader);

export const REFUSED = {
  read: { zh: '只有审计员可以查看审计日志', en: 'Only auditors read the audit trail' },
} satisfies Record<string, Refusal>;
