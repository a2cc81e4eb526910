/**
 * Browser tests run against a real tracker (see server.ts): the dashboard is built when
 * web/dist is missing or older than web/src, the server starts once for all files in its
 * own process (serve.ts), and each account is signed in once here so that tests open pages
 * already signed in without tripping the sign-in lockout. Tests that are
 * about signing in use the form themselves.
 */
import type { TestProject } from 'vitest/node';
import { buildDashboard } from './build.ts';
import type { Account, AccountName } from './server.ts';
import { startServerProcess, stopServerProcess } from './server-process.ts';

export interface SignedInAccount extends Account {
  /** value of the session cookie */
  session: string;
  csrfToken: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eAccounts: Record<AccountName, SignedInAccount>;
  }
}

export default async function setup(project: TestProject) {
  buildDashboard();
  const tracker = await startServerProcess();
  try {
    const accounts = {} as Record<AccountName, SignedInAccount>;
    for (const [name, a] of Object.entries(tracker.accounts) as [AccountName, Account][]) {
      const res = await fetch(`${tracker.baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: a.username, password: a.password }),
      });
      if (!res.ok)
        throw new Error(`sign-in of ${a.username} failed: ${res.status} ${await res.text()}`);
      const session = /drgdip_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      if (!session) throw new Error('no session cookie');
      accounts[name] = {
        ...a,
        session,
        csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken,
      };
    }
    project.provide('e2eBaseUrl', tracker.baseUrl);
    project.provide('e2eAccounts', accounts);
  } catch (e) {
    await stopServerProcess(tracker.child);
    throw e;
  }
  return () => stopServerProcess(tracker.child);
}
