/**
 * What a session may do for its own account. A session that has signed in with its password
 * but has steps left (README "Security") may do only its next step; a signed-in user may
 * change their password and enrol a second factor at any time.
 */
import type { Reader, Refusal, SessionUser } from './session.ts';

/** What a session must still do before it is signed in, in this order. */
export const PENDING_STEPS = ['secondFactor', 'enrollSecondFactor', 'changePassword'] as const;
export type PendingStep = (typeof PENDING_STEPS)[number];

export interface OwnSession {
  user: Reader;
  pending: { user: SessionUser; steps: PendingStep[] } | null;
}

const nextStep = (s: OwnSession, step: PendingStep) =>
  s.pending?.steps[0] === step ? s.pending.user : null;

/** Proving the second factor at sign-in: only a session whose next step that is. */
export const accountProvingSecondFactor = (s: OwnSession): SessionUser | null =>
  nextStep(s, 'secondFactor');

/** Enrolling a second factor: a signed-in user, or a session that must enrol before anything else. */
export const accountEnrolling = (s: OwnSession): SessionUser | null =>
  s.user ?? nextStep(s, 'enrollSecondFactor');

/** Changing one's own password: a signed-in user, or a session whose password must be replaced. */
export const accountChangingPassword = (s: OwnSession): SessionUser | null =>
  s.user ?? nextStep(s, 'changePassword');

/** The reader a refusal is addressed to: anyone with a session is "signed in" enough for 403. */
export const sessionReader = (s: OwnSession): Reader => s.user ?? s.pending?.user ?? null;

export const REFUSED = {
  step: {
    zh: '请先完成登录的下一步（动态验证码、绑定验证器或更换密码）',
    en: 'Finish the next sign-in step first (code, authenticator enrolment or new password)',
  },
} satisfies Record<string, Refusal>;
