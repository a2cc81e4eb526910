/**
 * Browser tests run against a real tracker (see server.ts): the dashboard is built when
 * web/dist is missing or older than web/src, the server starts once for all files in its
 * own process (serve.ts), and each account is signed in once here so that tests open pages
 * already signed in without tripping the sign-in lockout. Tests that are
 * about signing in use the form themselves. One Chromium, started here too, serves every
 * file (browser.ts).
 */
import type { TestProject } from 'vitest/node';
import { startBrowserServer } from './browser.ts';
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
    /** the shared Chromium's WebSocket endpoint */
    e2eBrowser: string;
  }
}

export default async function setup(project: TestProject) {
  buildDashboard();
  const [server, chromium] = await Promise.allSettled([startServerProcess(), startBrowserServer()]);
  const stop = async () => {
    if (chromium.status === 'fulfilled') await chromium.value.close();
    if (server.status === 'fulfilled') await stopServerProcess(server.value.child);
  };
  try {
    if (server.status === 'rejected') throw server.reason;
    if (chromium.status === 'rejected') throw chromium.reason;
    const tracker = server.value;
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
    project.provide('e2eBrowser', chromium.value.wsEndpoint());
  } catch (e) {
    await stop();
    throw e;
  }
  return stop;
}
