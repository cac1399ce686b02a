/**
 * Makes docs/report.png, the README's picture of report.html: a run of every suite but
 * resilience against Outreach (with the `no-subject-check` SAML fault, so the picture shows a
 * failure), Salesforce and Interact, rendered to report.html and photographed in Debian's
 * chromium as the page first opens.
 *
 *   npm run build && npx tsx scripts/report-screenshot.ts [out.png]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REQUIREMENTS, allScenarios, mockTarget } from '#registry';
import { runScenarios } from '#harness/runner';
import { renderHtml } from '#reports';
import { chromiumAvailable, launchChromium } from '../test/browser/setup.js';

const OUT = process.argv[2] ?? fileURLToPath(new URL('../docs/report.png', import.meta.url));
/** The first screen of a laptop. */
const VIEWPORT = { width: 1280, height: 900 };

if (!chromiumAvailable()) {
  console.error('report-screenshot needs chromium: apt-get install chromium');
  process.exit(1);
}
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const report = await runScenarios({
  scenarios: allScenarios.filter((scenario) => scenario.suite !== 'resilience'),
  targets: [
    mockTarget('outreach', { samlFaults: ['no-subject-check'] }),
    mockTarget('salesforce'),
    mockTarget('interact'),
  ],
  strict: false,
  seed: 1,
  version,
  requirements: REQUIREMENTS,
});
const dir = await mkdtemp(join(tmpdir(), 'sso-harness-screenshot-'));
const browser = await launchChromium();
try {
  const file = join(dir, 'report.html');
  await writeFile(file, renderHtml(report), 'utf8');
  const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'light' });
  await page.goto(pathToFileURL(file).href);
  await page.locator('#matrix table').waitFor();
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
