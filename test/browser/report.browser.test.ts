/**
 * report.html in a real browser: Debian's chromium, driven by playwright-core, opens a report of
 * a real run from `file://` (Outreach with the `no-subject-check` SAML fault, Salesforce strict)
 * and is read as a release gatekeeper reads it: the target × suite matrix, a cell narrowing the
 * results, the folded not-applicable checks, and a failure drilled down to its SAML evidence.
 * The page must make no request beyond its own file, and break no rule of its CSP.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REQUIREMENTS, mockTarget, suites } from '#registry';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runScenarios } from '#harness/runner';
import { renderHtml, whereRun, type CheckResult, type RunReport } from '#reports';
import { chromiumAvailable, launchChromium } from './setup.js';

/** Each wait in the browser gives up after this, well inside the test timeout. */
const STEP_TIMEOUT_MS = 5_000;

/** The counts a cell of the matrix shows, worked out here from the run itself. */
function cellCounts(report: RunReport, target: string, suite: string) {
  const mine = report.results.filter((r) => whereRun(r) === target && r.suite === suite);
  const blocked = (r: CheckResult) =>
    r.status === 'skipped' || (r.status === 'not-applicable' && !!r.blockedBy);
  return {
    pass: mine.filter((r) => r.status === 'passed').length,
    fail: mine.filter((r) => r.status === 'failed').length,
    blocked: mine.filter(blocked).length,
    na: mine.filter((r) => r.status === 'not-applicable' && !blocked(r)).length,
    total: mine.length,
  };
}

describe.skipIf(!chromiumAvailable())('report.html in Chromium', () => {
  let report: RunReport;
  let browser: Browser;
  let dir: string;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let problems: string[];

  beforeAll(async () => {
    [report, browser, dir] = await Promise.all([
      runScenarios({
        scenarios: [...suites['scim-protocol'], ...suites['saml-security']],
        targets: [mockTarget('outreach', { samlFaults: ['no-subject-check'] }), mockTarget('salesforce')],
        strict: false,
        seed: 11,
        version: 'test',
        requirements: REQUIREMENTS,
      }),
      launchChromium(),
      mkdtemp(join(tmpdir(), 'sso-harness-report-')),
    ]);
    const file = join(dir, 'report.html');
    await writeFile(file, renderHtml(report), 'utf8');
    url = pathToFileURL(file).href;
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = await context.newPage();
    requests = [];
    problems = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    await page.goto(url);
  });
  afterEach(async () => {
    // The page's own file is its only request; a CSP violation or a script error shows on the console.
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    await context?.close();
  });

  const cell = (target: string, suite: string) =>
    page.locator(`#matrix button.cell[data-target="${target}"][data-suite="${suite}"]`);

  it('opens on the verdict and the target × suite matrix with the counts of the run', async () => {
    expect(report.summary.exitCode).toBe(1);
    await expect.poll(() => page.locator('#verdict').textContent()).toBe('✘ Failed — exit code 1');
    expect(await page.locator('#verdict-detail').textContent()).toMatch(
      /fail the run: outreach × saml-security \(\d+ errors?\)/,
    );
    const headers = await page.locator('#matrix thead th').allTextContents();
    expect(headers).toEqual(['Target', 'scim-protocol', 'saml-security', 'All suites']);
    for (const target of ['outreach', 'salesforce'])
      for (const suite of ['scim-protocol', 'saml-security']) {
        const { pass, fail, blocked, na } = cellCounts(report, target, suite);
        const texts = await cell(target, suite).locator('span').allTextContents();
        expect(texts.slice(1), `${target} × ${suite}`).toEqual([
          `pass ${pass}`,
          `fail ${fail}`,
          `blocked ${blocked}`,
          `n/a ${na}`,
        ]);
      }
    expect(await cell('outreach', 'saml-security').getAttribute('class')).toBe('cell tone-error');
    expect(await cell('outreach', 'scim-protocol').getAttribute('class')).toBe('cell tone-not-applicable');
    expect(await cell('outreach', 'scim-protocol').locator('.head').textContent()).toBe('not applicable');
    expect(await cell('salesforce', 'scim-protocol').getAttribute('class')).toBe('cell tone-passed');
    // The chart: one bar group per target, drawn as SVG.
    expect(await page.locator('#chart svg g[data-target]').count()).toBe(2);
    expect(await page.locator('#chart svg rect.bar-failed').first().isVisible()).toBe(true);
  });

  it('narrows the results to a cell when it is clicked, and to a filter', async () => {
    const { total } = cellCounts(report, 'outreach', 'saml-security');
    await cell('outreach', 'saml-security').click();
    const shown = page.locator('#results details.result:not([hidden])');
    await expect.poll(() => shown.count()).toBe(total);
    const where = await shown.evaluateAll((nodes) =>
      nodes.map((node) => `${node.getAttribute('data-target')} × ${node.getAttribute('data-suite')}`),
    );
    expect(new Set(where)).toEqual(new Set(['outreach × saml-security']));
    expect(await page.locator('#shown').textContent()).toBe(
      `Showing ${total} of ${report.results.length} results — outreach × saml-security`,
    );
    expect(await cell('outreach', 'saml-security').getAttribute('class')).toContain('selected');
    expect(await page.locator('#filter-target').inputValue()).toBe('outreach');

    await page.locator('#filter-clear').click();
    await page.locator('#filter-status').selectOption('failed');
    const failed = report.results.filter((r) => r.status === 'failed').length;
    await expect.poll(() => shown.count()).toBe(failed);
    expect(await page.locator('#group-failed h3').textContent()).toBe(`Failures (${failed})`);
  });

  it('keeps the not-applicable checks in one closed group, by reason, with counts', async () => {
    const group = page.locator('#group-not-applicable');
    expect(await group.evaluate((node) => (node as HTMLDetailsElement).open)).toBe(false);
    const na = report.results.filter((r) => r.status === 'not-applicable' && !r.blockedBy);
    const reasons = new Set(na.map((r) => r.reason));
    expect(await group.locator('> summary').textContent()).toBe(
      `Not applicable (${na.length} checks, ${reasons.size} reasons)`,
    );
    expect(await group.locator('details.result').first().isVisible()).toBe(false);
    const noScim = na.filter((r) => r.reason === 'outreach has no SCIM service').length;
    expect(noScim).toBeGreaterThan(100);
    const reason = group.locator('details.reason', { hasText: 'outreach has no SCIM service' });
    expect(await reason.locator('> summary').textContent()).toBe(`outreach has no SCIM service — ${noScim}`);
    // Nothing not-applicable comes before a failure or a pass.
    const order = await page
      .locator('#results details.result')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-outcome')));
    expect(order.indexOf('not-applicable')).toBeGreaterThan(order.lastIndexOf('passed'));
    expect(order.lastIndexOf('error')).toBeLessThan(order.indexOf('passed'));
  });

  it('drills from a failure to its evidence: indented XML and the decoded SAMLResponse', async () => {
    const failure = page.locator(
      '#group-failed details.result[data-scenario="saml-security/missing-subject"]',
    );
    await failure.locator('> summary').click();
    // The requirement with its text and source.
    await expect
      .poll(() => failure.locator('dl.requirements dt').first().textContent())
      .toBe('SAML-SUBJECT (MUST)');
    expect(await failure.locator('dl.requirements dd').allTextContents()).toContain(
      'Source: SAML 2.0 Profiles (OASIS saml-profiles-2.0-os), §4.1.4.2',
    );
    // The message the check sent, indented: the Assertion one level inside the Response.
    const sent = failure.locator('.code.saml', { hasText: 'SAML message sent' }).locator('> pre');
    expect(await sent.isVisible()).toBe(true);
    const xml = (await sent.textContent())!;
    expect(xml).toMatch(/^<saml2p:Response\n {4}xmlns:saml2p=/);
    expect(xml).toMatch(/\n {2}<saml2:Assertion\n/);
    expect(xml).not.toContain('<saml2:Subject>');
    // What the attack changed in the valid message it started from is marked: taking the Subject
    // out and signing again changes the assertion's digest and signature.
    const changed = await sent.locator('mark.changed').allTextContents();
    expect(changed.some((line) => line.includes('DigestValue'))).toBe(true);
    expect(changed.every((line) => !line.includes('<saml2:Issuer'))).toBe(true);
    // The form the browser posted: the SAMLResponse decoded from base64, the value as posted behind a toggle.
    const decoded = failure
      .locator('.code.saml', { hasText: 'SAMLResponse (HTTP-POST, request body), decoded' })
      .first();
    expect(await decoded.locator('> pre').textContent()).toMatch(/^<saml2p:Response\n/);
    const raw = decoded.locator('details.raw');
    expect(await raw.locator('pre').isVisible()).toBe(false);
    await raw.locator('summary').click();
    const base64 = (await raw.locator('pre').textContent())!;
    expect(Buffer.from(base64, 'base64').toString('utf8')).toMatch(/^<saml2p:Response /);
  });
});
