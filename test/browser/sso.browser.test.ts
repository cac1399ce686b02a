/**
 * Single sign-on in a real browser: Debian's chromium, driven by playwright-core,
 * between the reference IdP and the Outreach mock SP served over HTTP on 127.0.0.1.
 * The browser does what the in-process TestBrowser fakes: cookies, redirects, the
 * IdP's CSP (nonce'd auto-submit script, form-action to the ACS origin) and the
 * cross-origin form posts of the HTTP-POST binding.
 * @see IDP-SSO-03, IDP-SSO-04; OUT-05, OUT-06
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAML_PATHS } from '#mock-sps';
import { chromiumAvailable, launchChromium, startSsoPair, type Person, type SsoPair } from './setup.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Each wait in the browser gives up after this, well inside the test timeout. */
const STEP_TIMEOUT_MS = 5_000;

describe.skipIf(!chromiumAvailable())('single sign-on in Chromium', () => {
  let pair: SsoPair;
  let browser: Browser;
  let screenshots: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [pair, browser, screenshots] = await Promise.all([
      startSsoPair(),
      launchChromium(),
      mkdtemp(join(tmpdir(), 'sso-harness-browser-')),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), pair?.close()]);
    if (screenshots) await rm(screenshots, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await browser.newContext();
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  const idpUrl = (path: string) => (url: URL) => url.origin === pair.idpWeb.origin && url.pathname === path;
  const resultUrl = () => `${pair.sp.origin}${SAML_PATHS.result}`;

  /** At the IdP's login form: types the person's email and password and submits. */
  async function signIn(person: Person): Promise<void> {
    await page.waitForURL(idpUrl('/login'));
    const form = page.locator('form#login');
    await form.locator('input[name="email"]').fill(person.email);
    await form.locator('input[name="password"]').fill(person.password);
    await form.locator('button[type="submit"]').click();
  }

  it('signs the user in SP-initiated over the HTTP-POST binding', async () => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.isNavigationRequest()) posts.push(request.url());
    });
    await page.goto(`${pair.sp.origin}${SAML_PATHS.login}?RelayState=%2Fdashboard`);
    await signIn(pair.alice);
    await page.waitForURL(resultUrl());

    expect(await page.locator('#verdict').getAttribute('data-outcome')).toBe('success');
    expect(await page.locator('#name-id').textContent()).toBe(pair.alice.email);
    expect(await page.locator('#user').textContent()).toBe(pair.alice.email);
    expect(await page.locator('#relay-state').textContent()).toBe('/dashboard');
    // The AuthnRequest and the Response each travel in a form the browser posts (SAML Bindings §3.5).
    expect(posts).toEqual([
      pair.idpWeb.web.urls(pair.app).sso,
      `${pair.idpWeb.origin}/login`,
      pair.sp.sp.saml!.acsUrl,
    ]);
    const issued = pair.idpWeb.web.log.issued().filter((entry) => entry.flow === 'sp-initiated');
    expect(issued).toMatchObject([{ user: pair.alice.email, requestId: expect.any(String) }]);

    const screenshot = join(screenshots, 'sp-initiated-result.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect((await readFile(screenshot)).subarray(0, PNG_SIGNATURE.length)).toEqual(PNG_SIGNATURE);
  });

  it('signs the user in IdP-initiated from the tile on the user console', async () => {
    await page.goto(`${pair.idpWeb.origin}/login`);
    await signIn(pair.alice);
    await page.waitForURL(idpUrl('/console'));
    expect(await page.locator('[data-user]').textContent()).toBe(pair.alice.email);

    const tile = page.locator(`form.tile[data-slug="${pair.app.sso.slug}"] button`);
    expect(await tile.textContent()).toBe(pair.app.name);
    await tile.click();
    await page.waitForURL(resultUrl());

    expect(await page.locator('#name-id').textContent()).toBe(pair.alice.email);
    expect(await page.locator('#user').textContent()).toBe(pair.alice.email);
    expect(await page.locator('#relay-state').textContent()).toBe('(none)');
  });

  it('shows a user outside every bound group the access-denied page and opens no SP session', async () => {
    await page.goto(`${pair.sp.origin}${SAML_PATHS.login}`);
    await signIn(pair.bob);
    const denied = page.locator('[data-reason="access-denied"]');
    await denied.waitFor();

    expect(new URL(page.url()).origin).toBe(pair.idpWeb.origin);
    expect(await page.locator('h1').textContent()).toBe('Access denied');
    expect(await denied.textContent()).toContain(`${pair.bob.email} is not authorized to use Outreach`);
    const { sessions } = pair.sp.sp.state();
    expect(sessions!.filter((session) => session.nameId === pair.bob.email)).toEqual([]);
    expect(pair.sp.sp.loginHistory().filter((login) => login.nameId === pair.bob.email)).toEqual([]);
    expect(pair.idpWeb.web.log.refusals()).toMatchObject([
      { outcome: 'denied', reason: 'access-denied', user: pair.bob.email },
    ]);
  });
});
