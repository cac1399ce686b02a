import { expect, test } from 'vitest';
import { Browser, dispatchFetch, type CoreRequest, type CoreResponse } from '#harness/http';
import { decodeRedirect, encodePost, parseAuthnRequest } from '#harness/saml';
import type { FetchLike } from '#harness/scim';
import { MockSp } from '../core/mock-sp.js';
import { autoSubmitForm } from '../core/saml/html.js';
import { SAML_PATHS } from '../core/saml/saml-service.js';
import {
  IDP_ENTITY_ID,
  IDP_SSO_URL,
  NOW,
  idpKey,
  plainSamlProfile,
  responseFor,
} from '../core/saml/test-support.js';
import { startMockSp } from './express.js';
import { inProcessFetch } from './in-process.js';

/** Configures the IdP by hand and seeds alice. */
async function prepare(sp: MockSp): Promise<void> {
  await sp.configureIdp({
    entityId: IDP_ENTITY_ID,
    ssoUrl: IDP_SSO_URL,
    certificatePem: (await idpKey()).certificatePem,
  });
  sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });
}

/** SP-initiated login through `fetchFn`: redirect, a form-encoded POST to the ACS, then the result page by cookie. */
async function loginThrough(fetchFn: FetchLike, sp: MockSp) {
  const start = await fetchFn(`${sp.origin}${SAML_PATHS.login}?RelayState=%2Fhome`, {
    method: 'GET',
    redirect: 'manual',
  });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location')!);
  const request = parseAuthnRequest(decodeRedirect(location.search.slice(1)).xml);

  const form = new URLSearchParams({
    SAMLResponse: encodePost(await responseFor(sp, { input: { inResponseTo: request.id } })),
    RelayState: '/home',
  });
  const acs = await fetchFn(sp.saml!.acsUrl, { method: 'POST', body: form, redirect: 'manual' });
  expect(acs.status).toBe(303);
  expect(acs.headers.get('location')).toBe(SAML_PATHS.result);
  const cookie = acs.headers.getSetCookie()[0]!.split(';')[0]!;
  expect(cookie).toMatch(/^plain_session=/);

  const result = await fetchFn(`${sp.origin}${SAML_PATHS.result}`, { method: 'GET', headers: { cookie } });
  expect(result.status).toBe(200);
  const body = await result.text();
  expect(body).toContain('<dd id="name-id">alice@example.com</dd>');
  expect(body).toContain('<dd id="relay-state">/home</dd>');
  expect((await fetchFn(`${sp.origin}${SAML_PATHS.result}`, { method: 'GET' })).status).toBe(401);
}

test('startMockSp carries form-encoded ACS posts and session cookies over HTTP', async () => {
  const running = await startMockSp(plainSamlProfile, { now: () => NOW });
  try {
    await prepare(running.sp);
    await loginThrough((input, init) => fetch(input, init), running.sp);
    expect(running.sp.state().sessions).toHaveLength(1);
  } finally {
    await running.close();
  }
});

test('inProcessFetch carries form-encoded ACS posts and session cookies without a socket', async () => {
  const sp = new MockSp(plainSamlProfile, { now: () => NOW });
  await prepare(sp);
  await loginThrough(inProcessFetch([sp]), sp);
});

test('a scripted Browser signs in through dispatchFetch, the IdP answering with an auto-submit form', async () => {
  const sp = new MockSp(plainSamlProfile, { now: () => NOW });
  await prepare(sp);
  // A stand-in IdP: answers the Redirect AuthnRequest with a Response for alice in a POST form.
  const idp = {
    origin: new URL(IDP_SSO_URL).origin,
    async handle(request: CoreRequest): Promise<CoreResponse> {
      const decoded = decodeRedirect(new URL(request.url).search.slice(1));
      const inResponseTo = parseAuthnRequest(decoded.xml).id;
      const xml = await responseFor(sp, { input: { inResponseTo } });
      return autoSubmitForm('IdP', sp.saml!.acsUrl, {
        SAMLResponse: encodePost(xml),
        RelayState: decoded.relayState,
      });
    },
  };
  const browser = new Browser(dispatchFetch([idp, sp.originHandler]));

  const form = await browser.get(`${sp.origin}${SAML_PATHS.login}?RelayState=it's`);
  const result = await browser.submit(form);
  expect(result.url).toBe(`${sp.origin}${SAML_PATHS.result}`);
  expect(result.body).toContain('<dd id="relay-state">it&#39;s</dd>');
  expect(Object.keys(browser.cookies(sp.origin))).toEqual(['plain_session']);
  expect(sp.loginHistory()).toMatchObject([{ outcome: 'success', user: 'alice', relayState: "it's" }]);
});
