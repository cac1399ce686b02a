/**
 * Writes docs/serve.png, the dashboard of `sso-harness serve` as the README shows it: every mock
 * SP served, a little traffic made (a SCIM user and group, two sign-ins, a fault switched on), and
 * Debian's chromium taking the picture. Run after `npm run build`: `npx tsx scripts/serve-screenshot.ts`.
 */
import { fileURLToPath } from 'node:url';
import { Browser as ScriptedBrowser, formsOf, type BrowserPage } from '#harness/http';
import { CSRF_HEADER, startServe, type DashboardState, type RunningServe } from '#harness/serve';
import { APPS } from '#registry';
import { launchChromium } from '../test/browser/setup.js';

const OUT = fileURLToPath(new URL('../docs/serve.png', import.meta.url));

async function state(running: RunningServe): Promise<DashboardState> {
  return (await fetch(`${running.dashboardUrl}api/state`)).json() as Promise<DashboardState>;
}

/** Signs the first demo user in at an SP, SP-initiated, through the IdP's login page. */
async function signIn(running: RunningServe, loginUrl: string): Promise<void> {
  const browser = new ScriptedBrowser((input, init) => fetch(input, init));
  let page: BrowserPage = await browser.get(loginUrl);
  for (let step = 0; step < 4; step++) {
    const forms = formsOf(page.body, page.url);
    if (forms.some((form) => 'password' in form.fields))
      page = await browser.submit(page, { email: running.users[0]!.email, password: running.password });
    else if (forms.some((form) => 'SAMLRequest' in form.fields || 'SAMLResponse' in form.fields))
      page = await browser.submit(page);
    else break;
  }
}

/** A few SCIM writes, as an IdP's provisioning would make them. */
async function provision(running: RunningServe): Promise<void> {
  const interact = (await state(running)).sps.find((sp) => sp.id === 'interact')!.scim!;
  const headers = {
    authorization: `Bearer ${interact.credential.token!}`,
    'content-type': 'application/scim+json',
  };
  const ids: string[] = [];
  for (const [given, family] of [
    ['Ada', 'Lovelace'],
    ['Grace', 'Hopper'],
  ]) {
    const email = `${given!.toLowerCase()}.${family!.toLowerCase()}@example.com`;
    const created = await fetch(`${interact.baseUrl}/Users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: email,
        name: { givenName: given, familyName: family },
        emails: [{ value: email, type: 'work', primary: true }],
        active: true,
      }),
    });
    ids.push(((await created.json()) as { id: string }).id);
  }
  await fetch(`${interact.baseUrl}/Groups`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineering',
      members: ids.map((value) => ({ value })),
    }),
  });
  await fetch(`${interact.baseUrl}/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`, {
    headers: { authorization: 'Bearer a-wrong-token' },
  });
}

const running = await startServe({ apps: APPS, port: 0 });
const chromium = await launchChromium();
try {
  await provision(running);
  for (const id of ['outreach', 'interact'])
    await signIn(running, running.sps.find((sp) => sp.id === id)!.loginUrl!);
  const page = await (await chromium.newContext({ viewport: { width: 1440, height: 1800 } })).newPage();
  await page.goto(running.dashboardUrl);
  await page.locator('body[data-loaded]').waitFor();
  const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
  await fetch(`${running.dashboardUrl}api/sp/profitco/fault`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrf! },
    body: JSON.stringify({ id: 'json-content-type', on: true }),
  });
  await page.locator('#sp-profitco [data-fault-on="json-content-type"]').waitFor();
  await page.screenshot({ path: OUT });
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  await chromium.close();
  await running.close();
}
