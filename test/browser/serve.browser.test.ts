/**
 * `sso-harness serve` in a real browser: Debian's chromium, driven by playwright-core, opens the
 * dashboard, follows an SP's sign-in link to the IdP's login page, lands signed in at the mock SP,
 * and sees the login in that SP's history back on the dashboard; the dashboard's buttons (reset,
 * a fault switch) work under its CSP with the CSRF header, and the SCIM token it shows answers.
 * @see docs/decisions/0027-serve.md
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { apps } from '#registry';
import { startServe, type RunningServe } from '#harness/serve';
import { chromiumAvailable, launchChromium } from './setup.js';

/** Each wait in the browser gives up after this, well inside the test timeout. */
const STEP_TIMEOUT_MS = 5_000;

describe.skipIf(!chromiumAvailable())('sso-harness serve in Chromium', () => {
  let served: RunningServe;
  let browser: Browser;
  let context: BrowserContext;
  let dashboard: Page;
  let problems: string[];

  beforeAll(async () => {
    [served, browser] = await Promise.all([
      startServe({ apps: [apps.interact, apps.outreach], port: 0 }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), served?.close()]);
  });
  beforeEach(async () => {
    context = await browser.newContext();
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    dashboard = await context.newPage();
    problems = [];
    // A CSP violation or a script error shows as a console error or a page error.
    dashboard.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    dashboard.on('pageerror', (error) => problems.push(error.message));
    await dashboard.goto(served.dashboardUrl);
    await dashboard.locator('body[data-loaded]').waitFor();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('signs in at the IdP, lands at the mock SP, and shows the login in the SP’s history', async () => {
    const [person] = served.users;
    const card = dashboard.locator('#sp-outreach');
    await expect(card.locator('[data-logins] td.empty').textContent()).resolves.toBe('No logins yet');

    const [spPage] = await Promise.all([
      context.waitForEvent('page'),
      card.getByRole('link', { name: 'at Outreach (SP-initiated)' }).click(),
    ]);
    await spPage.waitForURL((url) => url.pathname === '/idp/login');
    const form = spPage.locator('form#login');
    await form.locator('input[name="email"]').fill(person!.email);
    await form.locator('input[name="password"]').fill(served.password);
    await form.locator('button[type="submit"]').click();
    await spPage.waitForURL(`${new URL(served.dashboardUrl).origin}/sp/outreach/saml/result`);
    expect(await spPage.locator('#user').textContent()).toBe(person!.email);

    await dashboard.bringToFront();
    const login = card.locator('[data-logins] tbody tr[data-outcome="success"]');
    await login.waitFor();
    expect(await login.locator('td').nth(2).textContent()).toBe(person!.email);
    expect(await dashboard.locator('#idp-events tbody').textContent()).toContain('issued');

    // Reset, a POST carrying the page's CSRF header: the history starts empty again.
    await card.locator('button[data-action="reset"]').click();
    await card.locator('[data-logins] td.empty').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows a SCIM token that answers, and switches a fault from the page', async () => {
    const card = dashboard.locator('#sp-interact');
    const token = card.locator('[data-token="interact"]');
    expect(await token.textContent()).toBe('••••');
    await card.getByRole('button', { name: 'Show' }).click();
    const shown = (await token.textContent())!;
    const baseUrl = served.sps.find((sp) => sp.id === 'interact')!.scimBaseUrl!;
    const list = (bearer: string) =>
      fetch(`${baseUrl}/Users`, { headers: { authorization: `Bearer ${bearer}` } });
    expect((await list(shown)).status).toBe(200);
    expect((await list('not-the-token')).status).toBe(401);

    // The request log shows the request, its Authorization header masked.
    const logged = dashboard
      .locator('#log-table tbody tr', { hasText: '/sp/interact/api/v2/scim/v2/Users' })
      .first();
    await logged.click();
    const details = dashboard.locator('#log-table tr.details pre').first();
    expect(await details.textContent()).toContain('authorization: Bearer ***');
    expect(await dashboard.locator('#log-table').textContent()).not.toContain(shown);

    await card.locator('select[data-fault-select]').selectOption('accept-any-token');
    await card.locator('button[data-action="fault-on"]').click();
    await card.locator('[data-fault-on="accept-any-token"]').waitFor();
    expect((await list('not-the-token')).status).toBe(200);
    await card.locator('[data-fault-on="accept-any-token"] button').click();
    await card.locator('[data-fault-on]').waitFor({ state: 'detached' });
    expect((await list('not-the-token')).status).toBe(401);
    expect(problems).toEqual([]);
  });
});
