/**
 * Debian's Chromium driven by playwright-core (no browser download): one browser for the
 * whole run (started in global-setup.ts), each test file connected to it, a fresh context
 * per test; and small helpers to call the API as one of the accounts.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  type BrowserServer,
  chromium,
  type Page,
} from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_OPTIONS } from './chromium.ts';
import type { AccountName } from './server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(root, 'test-results/screenshots');
export const DOWNLOADS = path.join(root, 'test-results/downloads');

export const baseUrl = () => inject('e2eBaseUrl');
export const account = (name: AccountName) => inject('e2eAccounts')[name];

/** The Chromium the browser tests share, started once per run (global-setup.ts). */
export function startBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(CHROMIUM_OPTIONS);
}

/** A test file's connection to the shared Chromium; `close()` drops its contexts and disconnects. */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('e2eBrowser'));
}

/** A page at 1366×900 (the dashboard's design width); signed in as `as` when given. */
export async function openPage(
  browser: Browser,
  { as, lang }: { as?: AccountName; lang?: 'zh-CN' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    locale: lang ?? 'zh-CN',
    baseURL: baseUrl(),
    timezoneId: 'Asia/Shanghai',
  });
  if (as)
    await context.addCookies([
      { name: 'drgdip_session', value: account(as).session, url: baseUrl() },
    ]);
  const page = await context.newPage();
  // a wait ends as soon as the page is ready; npm test runs the API tests alongside, and on a
  // busy machine a page of charts can take longer than 20 s to render
  page.setDefaultTimeout(60_000);
  return { context, page };
}

/** Calls the API as an account (session cookie + CSRF token), or anonymously. */
export async function callApi(
  method: string,
  url: string,
  { as, json, ifMatch }: { as?: AccountName; json?: unknown; ifMatch?: number } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (as) {
    headers.cookie = `drgdip_session=${account(as).session}`;
    headers['x-csrf-token'] = account(as).csrfToken;
  }
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
  const res = await fetch(`${baseUrl()}${url}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Valid figures for every region of a province (as an editor would send them). */
export async function validRows(provinceCode: string, seed = 0) {
  const regions = (await callApi('GET', `/api/provinces/${provinceCode}/regions`)).body as {
    code: string;
  }[];
  return regions.map((r, i) => ({
    regionCode: r.code,
    method: i % 2 ? 'DIP' : 'DRG',
    stage: 'actual',
    eligibleInstitutions: 100 + i,
    coveredInstitutions: 60 + ((i + seed) % 30),
    inpatientCases: 50_000 + i * 100,
    groupedCases: 45_000 + i * 50,
    inpatientFund: `${80_000 + i * 10}.00`,
    drgDipFund: `${60_000 + i * 5}.00`,
  }));
}

export async function screenshot(page: Page, name: string) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the element's text contains `text`. */
export async function waitForText(page: Page, selector: string, text: string | RegExp) {
  await page.locator(selector).filter({ hasText: text }).first().waitFor();
}

export const tid = (id: string) => `[data-testid="${id}"]`;
