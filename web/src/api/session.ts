/**
 * Who is signed in, as a small store React subscribes to. The session cookie is HttpOnly,
 * so the page learns the user (and the CSRF token every write echoes) from the API: once
 * at start (`GET /api/auth/session`), and from the sign-in answer.
 */
import { useSyncExternalStore } from 'react';
import { authApi, type SessionDto, setCsrfToken, type UserDto } from './client.ts';
import { queryClient } from './queries.ts';

export interface SessionState {
  /** false until the first answer about the session came back */
  loaded: boolean;
  user: UserDto | null;
  /** signed in with the password, with steps left (second factor, enrolment, new password) */
  pending: SessionDto['pending'];
}

let state: SessionState = { loaded: false, user: null, pending: null };
const listeners = new Set<() => void>();

function apply(session: SessionDto | null) {
  setCsrfToken(session?.csrfToken ?? null);
  state = { loaded: true, user: session?.user ?? null, pending: session?.pending ?? null };
  for (const l of listeners) l();
}

/** Reads the current session; a failure (no server, fixtures) counts as signed out. */
export async function loadSession(): Promise<void> {
  apply(await authApi.session().catch(() => null));
}

/**
 * Throws the server's problem (wrong password, account locked until …) for the form to show.
 * The answer may leave steps pending (`state.pending`): the form shows the next one.
 */
export async function signIn(username: string, password: string): Promise<SessionDto> {
  return signedIn(await authApi.signIn(username, password));
}

/** Applies the answer of a sign-in or one of its steps. */
export function signedIn(session: SessionDto): SessionDto {
  apply(session);
  // a signed-in reader may see more (drafts of their province): load again what is shown
  if (session.user) void queryClient.invalidateQueries();
  return session;
}

export async function signOut(): Promise<void> {
  await authApi.signOut().catch(() => null);
  apply(null);
  // forget what the account could read (drafts): nothing of it may show to the next reader
  void queryClient.resetQueries();
}

const subscribe = (onChange: () => void) => {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
};
const snapshot = () => state;

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
