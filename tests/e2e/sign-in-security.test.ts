/**
 * Signing in as README "Security" describes it, in the browser: a locked account is told when it
 * unlocks (zh and en); an editor enrols an authenticator from the header, and from then on
 * signs in with the password and the app's code (codes made here with `otpauth`).
 */
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, connectBrowser, openPage, screenshot, tid, waitForText } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function submitPassword(page: Page, username: string, password: string) {
  await page.fill(tid('sign-in-username'), username);
  await page.fill(tid('sign-in-password'), password);
  await page.click(tid('sign-in-submit'));
}

describe('signing in', () => {
  it('five wrong passwords lock the account; the form says so, with when it unlocks, in zh and en', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/');
      await page.click(tid('sign-in-open'));
      for (let i = 0; i < 4; i++) {
        await submitPassword(page, 'e2e-nobody', `wrong-password-${i}`);
        await waitForText(page, tid('sign-in-error'), '用户名或密码错误');
      }
      await submitPassword(page, 'e2e-nobody', 'wrong-password-4');
      await waitForText(page, tid('sign-in-error'), /已锁定.*分钟后/);
      await screenshot(page, 'sign-in-locked-zh');
    } finally {
      await context.close();
    }
    const en = await openPage(browser, { lang: 'en' });
    try {
      await en.page.goto('/?lang=en');
      await en.page.click(tid('sign-in-open'));
      await submitPassword(en.page, 'e2e-nobody', 'another-guess');
      await waitForText(en.page, tid('sign-in-error'), /locked for \d+ more minutes/);
    } finally {
      await en.context.close();
    }
  });

  it('an editor enrols an authenticator, then signs in with the password and a code', async () => {
    const fj = account('editorFj');
    const { context, page } = await openPage(browser);
    let secret = '';
    try {
      await page.goto('/');
      await page.click(tid('sign-in-open'));
      await submitPassword(page, fj.username, fj.password);
      await waitForText(page, tid('account-user'), '福建填报 林');
      await page.click(tid('enroll-open'));
      await page.click(tid('enroll-start'));
      secret = (await page.locator(tid('enroll-secret')).textContent()) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.locator(tid('enroll-uri')).getAttribute('href')).toMatch(
        /^otpauth:\/\/totp\//,
      );
      await page.fill(tid('step-code'), '000000');
      await page.click(tid('step-submit'));
      await waitForText(page, tid('step-error'), '验证码');
      await page.fill(
        tid('step-code'),
        TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() }),
      );
      await page.click(tid('step-submit'));
      await page.locator(tid('enroll-open')).waitFor({ state: 'detached' });
      await page.click(tid('sign-out'));
    } finally {
      await context.close();
    }

    const en = await openPage(browser, { lang: 'en' });
    try {
      await en.page.goto('/?lang=en');
      await en.page.click(tid('sign-in-open'));
      await submitPassword(en.page, fj.username, fj.password);
      await waitForText(en.page, tid('step-second-factor'), 'Enter the 6-digit code');
      expect(await en.page.locator(tid('account-user')).count()).toBe(0);
      // the enrolment's code is used up: the next 30-second step's code (accepted one step ahead)
      await en.page.fill(
        tid('step-code'),
        TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + 30_000 }),
      );
      await en.page.click(tid('step-submit'));
      await waitForText(en.page, tid('account-user'), 'Editor');
      await screenshot(en.page, 'sign-in-second-factor-en');
    } finally {
      await en.context.close();
    }
  });
});
