/**
 * Who is asking: the signed-in user's session as the permission predicates see it, the
 * narrowed shapes they prove, and the refusal a route sends when a predicate says no.
 */
import type { Role } from '../domain/types.ts';
import { Problem } from '../plugins/problem.ts';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  provinceCode: string | null;
}

/** Whoever sends a request: a signed-in user, or null for an anonymous reader. */
export type Reader = SessionUser | null;

/** A province's editor (填报人员): enters and submits that province's figures. */
export type EditorSession = SessionUser & { role: 'editor'; provinceCode: string };
/** A national reviewer (审核人员): accepts or returns submitted reports. */
export type ReviewerSession = SessionUser & { role: 'reviewer' };
/** An administrator: accounts, plans, timeline corrections. */
export type AdminSession = SessionUser & { role: 'admin' };

export const isSignedIn = (reader: Reader): reader is SessionUser => reader !== null;

export const isAdmin = (reader: Reader): reader is AdminSession => reader?.role === 'admin';

export const isReviewer = (reader: Reader): reader is ReviewerSession =>
  reader?.role === 'reviewer';

export const isEditorOf = (reader: Reader, provinceCode: string): reader is EditorSession =>
  reader?.role === 'editor' && reader.provinceCode === provinceCode;

export interface Refusal {
  zh: string;
  en: string;
}

export const unauthenticated = () =>
  new Problem(401, 'signInRequired', '请先登录', 'Sign in first');

export const forbidden = (
  why: Refusal = { zh: '无权执行此操作', en: 'You are not allowed to do this' },
) => new Problem(403, 'forbidden', why.zh, why.en);

/** 401 for someone not signed in (they may be allowed once they are), 403 for a signed-in user who is not. */
export const refuse = (reader: Reader, why?: Refusal) =>
  reader ? forbidden(why) : unauthenticated();
