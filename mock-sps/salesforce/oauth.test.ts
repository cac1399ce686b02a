import { salesforceCatalog, salesforceSandboxCatalog } from './idp.js';
import { expect, test } from 'vitest';
import { OAuthError, oauthClientFor, oauthConsent, type OAuthGrant } from '#harness/idp';
import { ScimClient } from '#harness/scim';
import { inProcessFetch } from '../adapters/in-process.js';
import type { ScimFault } from '../registry.js';
import { MockSp } from '../core/mock-sp.js';
import { JUMPCLOUD_CONNECTED_APP, OAUTH_PATHS, SESSION_TIMEOUT_MS } from './oauth.js';
import { salesforceProfile } from './profile.js';
import type { SalesforceAdmin } from './quirks.js';

/** A production org and its Sandbox on one in-process network, with a clock the test moves. */
function orgs(faults: ScimFault[] = []) {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const make = (region: string) =>
    new MockSp(salesforceProfile, { faults, region, now: () => new Date(now) });
  const production = make('production');
  const sandbox = make('sandbox');
  const fetch = inProcessFetch([production, sandbox]);
  const consent = (
    org: MockSp,
    options: { entry?: string; decision?: 'allow' | 'deny'; password?: string } = {},
  ) => {
    const admin = (org.admin as SalesforceAdmin).signIn;
    return oauthConsent({
      settings: oauthClientFor(
        options.entry === 'salesforce-sandbox' ? salesforceSandboxCatalog : salesforceCatalog,
      ),
      baseUrl: org.scimBaseUrl!,
      admin: { ...admin, ...(options.password === undefined ? {} : { password: options.password }) },
      fetch,
      ...(options.decision ? { decision: options.decision } : {}),
    });
  };
  const status = async (org: MockSp, token: string) =>
    (await new ScimClient({ baseUrl: org.scimBaseUrl!, token, fetch }).get('/Users')).status;
  return { production, sandbox, fetch, consent, status, advance: (ms: number) => (now += ms) };
}

const adminOf = (org: MockSp) => org.admin as SalesforceAdmin;

test('signing in and clicking Allow gives tokens the SCIM API accepts (SF-01)', async () => {
  const { production, consent, status } = orgs();
  const grant = await consent(production);
  expect(await status(production, await grant.current())).toBe(200);
  expect(grant.instanceUrl).toBe(production.origin);
  expect(adminOf(production).grants()).toMatchObject([
    { username: 'admin@acme.example.com', accessTokens: 1 },
  ]);
  expect(await status(production, 'guessed')).toBe(401);
  expect(await status(production, production.token)).toBe(200);
});

test('a wrong password stays on the login page and nothing is granted (SF-01)', async () => {
  const { production, consent } = orgs();
  await expect(consent(production, { password: 'wrong' })).rejects.toThrow(
    /check your username and password/,
  );
  expect(adminOf(production).grants()).toEqual([]);
});

test('Deny sends access_denied back and records no grant, unless the fault issues a code (SF-01)', async () => {
  const strict = orgs();
  await expect(strict.consent(strict.production, { decision: 'deny' })).rejects.toThrow(/access_denied/);
  expect(adminOf(strict.production).grants()).toEqual([]);
  const faulty = orgs(['deny-grants-access']);
  await faulty.consent(faulty.production, { decision: 'deny' });
  expect(adminOf(faulty.production).grants()).toHaveLength(1);
});

test('an access token expires with the session timeout; the refresh grant issues a new one (SF-01)', async () => {
  const { production, consent, status, advance } = orgs();
  const grant: OAuthGrant = await consent(production);
  const first = await grant.current();
  advance(SESSION_TIMEOUT_MS + 1);
  expect(await status(production, first)).toBe(401);
  const renewed = await grant.refresh();
  expect(renewed).not.toBe(first);
  expect(await status(production, renewed)).toBe(200);
  expect(
    adminOf(production)
      .oauthLog()
      .filter((entry) => entry.grantType === 'refresh_token'),
  ).toHaveLength(1);
  const lax = orgs(['token-never-expires']);
  const token = await (await lax.consent(lax.production)).current();
  lax.advance(SESSION_TIMEOUT_MS * 10);
  expect(await lax.status(lax.production, token)).toBe(200);
});

test('a Sandbox takes the Sandbox connector and production refuses its tokens, and the other way round (SF-01)', async () => {
  const { production, sandbox, consent, status } = orgs();
  await expect(consent(sandbox)).rejects.toBeInstanceOf(OAuthError);
  const sandboxGrant = await consent(sandbox, { entry: 'salesforce-sandbox' });
  const productionGrant = await consent(production);
  expect(await status(sandbox, await sandboxGrant.current())).toBe(200);
  expect(await status(production, await sandboxGrant.current())).toBe(401);
  expect(await status(sandbox, await productionGrant.current())).toBe(401);
  await expect(consent(production, { entry: 'salesforce-sandbox' })).rejects.toThrow(/not a sandbox org/);
  const shared = orgs(['cross-environment-tokens']);
  const token = await (await shared.consent(shared.sandbox, { entry: 'salesforce-sandbox' })).current();
  expect(await shared.status(shared.production, token)).toBe(200);
});

test('refuses an unknown client, a foreign callback and an unknown code (RFC 6749 §4.1)', async () => {
  const { production, fetch } = orgs();
  const authorize = (params: Record<string, string>) =>
    fetch(`${production.origin}${OAUTH_PATHS.authorize}?${new URLSearchParams(params)}`, { method: 'GET' });
  const valid = {
    response_type: 'code',
    client_id: JUMPCLOUD_CONNECTED_APP.clientId,
    redirect_uri: JUMPCLOUD_CONNECTED_APP.callbackUrl,
  };
  expect((await authorize({ ...valid, client_id: 'other' })).status).toBe(400);
  expect((await authorize({ ...valid, redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
  expect((await authorize(valid)).status).toBe(200);
  const token = (code: string) =>
    fetch(`${production.origin}${OAUTH_PATHS.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: valid.client_id,
        redirect_uri: valid.redirect_uri,
      }).toString(),
    });
  const refused = await token('not-a-code');
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
});
