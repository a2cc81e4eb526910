/**
 * The administrator's day, in Chinese and in English: creates an editor's account, resets its
 * password, moves it to another role and deactivates it; revises Inner Mongolia's plan (a
 * draft from the version in force, one level changed, the comparison read, published after a
 * confirmation); corrects a region's timeline with its source and retracts the correction.
 * Each step is checked where a user would check it: the page, and the API it changed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, callApi, connectBrowser, openPage, tid, waitForText } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const WORDS = {
  'zh-CN': {
    nav: '系统管理',
    created: '已创建账户',
    reset: '已重置',
    saved: '已保存',
    deactivated: '已停用',
    inactive: '已停用',
    changed: '修改',
    published: '已发布第',
    inForce: '现行',
    added: '已保存更正',
    retracted: '已撤回该更正',
  },
  en: {
    nav: 'Administration',
    created: 'Created account',
    reset: 'Reset the password',
    saved: 'Saved',
    deactivated: 'Deactivated',
    inactive: 'Deactivated',
    changed: 'Changed',
    published: 'Published version',
    inForce: 'In force',
    added: 'Correction saved',
    retracted: 'The correction was retracted',
  },
} as const;

const signIn = (username: string, password: string) =>
  fetch(`${baseUrl()}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then((r) => r.status);

async function accounts(page: Page, lang: 'zh-CN' | 'en') {
  const w = WORDS[lang];
  const username = `nm-editor-${lang === 'en' ? 'en' : 'zh'}`;
  await page.click(tid('admin-tab-accounts'));
  await page.locator(tid('accounts-table')).waitFor();
  await page.fill(tid('new-account-username'), username);
  await page.fill(tid('new-account-displayName'), '内蒙古填报 孙');
  await page.fill(tid('new-account-password'), 'first-password-1');
  await page.selectOption(tid('new-account-role'), 'editor');
  await page.selectOption(tid('new-account-province'), '150000');
  await page.click(tid('new-account-submit'));
  await waitForText(page, tid('accounts-ok'), w.created);
  const row = `account-${username}`;
  await page.locator(tid(row)).waitFor();
  expect(await signIn(username, 'first-password-1')).toBe(200);

  await page.click(tid(`${row}-reset`));
  await page.fill(tid(`${row}-password`), 'second-password-2');
  await page.click(tid(`${row}-set-password`));
  await waitForText(page, tid('accounts-ok'), w.reset);
  expect(await signIn(username, 'first-password-1')).toBe(401);
  expect(await signIn(username, 'second-password-2')).toBe(200);

  await page.selectOption(tid(`${row}-role`), 'reviewer');
  expect(await page.locator(tid(`${row}-province`)).isDisabled()).toBe(true);
  await page.click(tid(`${row}-save`));
  await waitForText(page, tid('accounts-ok'), `${w.saved} ${username}`);
  const users = (await callApi('GET', '/api/users', { as: 'admin' })).body as {
    username: string;
    role: string;
    provinceCode: string | null;
  }[];
  expect(users.find((u) => u.username === username)).toMatchObject({
    role: 'reviewer',
    provinceCode: null,
  });

  await page.click(tid(`${row}-active`));
  await waitForText(page, tid('accounts-ok'), w.deactivated);
  await waitForText(page, tid(`${row}-state`), w.inactive);
  expect(await signIn(username, 'second-password-2')).toBe(401);
}

async function planVersion(page: Page, lang: 'zh-CN' | 'en', key: string, level: number) {
  const w = WORDS[lang];
  const slug = 'neimenggu-2021-92';
  const before = (await callApi('GET', `/api/plans/${slug}/versions`)).body.length as number;
  await page.click(tid('admin-tab-plans'));
  await page.selectOption(tid('plan-select'), slug);
  await page.locator(tid(`plan-version-${before}`)).waitFor();
  await page.click(tid('plan-start-draft'));
  const input = page.locator(tid(`draft-target-${key}-minPct`));
  await input.waitFor();
  const old = await input.inputValue();
  await waitForText(page, tid('plan-compare-none'), /./);
  await input.fill(String(level));
  await page.fill(tid('plan-note'), `e2e ${lang}`);
  await page.click(tid('plan-save-draft'));
  // the comparison names the target, the field, the level in force and the draft's
  const change = page.locator(tid(`plan-change-${key}-minPct`));
  await change.waitFor();
  const text = await change.innerText();
  expect(text).toContain(w.changed);
  expect(text).toContain(old);
  expect(text).toContain(String(level));

  await page.click(tid('plan-publish'));
  await page.click(tid('plan-publish-confirm'));
  await waitForText(page, tid('plan-ok'), w.published);
  await waitForText(page, tid(`plan-version-${before + 1}`), w.inForce);
  const plan = (await callApi('GET', '/api/provinces/150000/plan')).body;
  expect(plan.document.version).toBe(before + 1);
  expect(plan.targets.find((t: { key: string }) => t.key === key).minPct).toBe(level);
}

async function timeline(page: Page, lang: 'zh-CN' | 'en', region: string, source: string) {
  const w = WORDS[lang];
  await page.click(tid('admin-tab-timeline'));
  await page.selectOption(tid('timeline-province'), '150000');
  await page.locator(tid(`timeline-${region}`)).waitFor();
  await page.selectOption(tid('correction-region'), region);
  await page.selectOption(tid('correction-kind'), 'launch');
  await page.fill(tid('correction-date'), '2021-06-30');
  await page.fill(tid('correction-source'), source);
  await page.click(tid('correction-submit'));
  await waitForText(page, tid('timeline-ok'), w.added);
  await waitForText(page, tid(`timeline-${region}`), source);
  await waitForText(
    page,
    tid(`timeline-${region}-effective`),
    lang === 'en' ? '2021' : '2021年6月30日',
  );
  const api = (await callApi('GET', '/api/provinces/150000/timeline')).body as {
    region: { code: string };
    effective: { launch: string };
    corrections: { id: number; source: string }[];
  }[];
  const row = api.find((r) => r.region.code === region)!;
  expect(row.effective.launch).toBe('2021-06-30');
  const id = row.corrections.find((c) => c.source === source)!.id;

  await page.click(tid(`correction-${id}-retract`));
  await waitForText(page, tid('timeline-ok'), w.retracted);
  await page.locator(tid(`correction-${id}`)).waitFor({ state: 'detached' });
  const after = (await callApi('GET', '/api/provinces/150000/timeline')).body as typeof api;
  expect(after.find((r) => r.region.code === region)!.corrections).toEqual([]);
}

describe('the administrator', () => {
  it('in Chinese: accounts, a plan version, a timeline correction', async () => {
    const { context, page } = await openPage(browser, { as: 'admin' });
    try {
      await page.goto('/');
      await waitForText(page, tid('nav-admin'), WORDS['zh-CN'].nav);
      await page.click(tid('nav-admin'));
      await page.waitForURL(/\/admin\/accounts/);
      await accounts(page, 'zh-CN');
      await planVersion(page, 'zh-CN', 'nm-fund-2025', 75);
      await timeline(page, 'zh-CN', '150100', '呼和浩特市医保局通知（2021年6月）');
    } finally {
      await context.close();
    }
  });

  it('in English: accounts, a plan version, a timeline correction', async () => {
    const { context, page } = await openPage(browser, { as: 'admin', lang: 'en' });
    try {
      await page.goto('/admin/accounts?lang=en');
      await waitForText(page, tid('nav-admin'), WORDS.en.nav);
      await accounts(page, 'en');
      await planVersion(page, 'en', 'nm-disease-groups-2025', 92);
      await timeline(page, 'en', '150200', 'Baotou bureau notice, June 2021');
    } finally {
      await context.close();
    }
  });

  it('other roles are not offered administration and the page says so', async () => {
    const { context, page } = await openPage(browser, { as: 'reviewer' });
    try {
      await page.goto('/admin/accounts');
      await page.locator(tid('admin-not-admin')).waitFor();
      expect(await page.locator(tid('nav-admin')).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
