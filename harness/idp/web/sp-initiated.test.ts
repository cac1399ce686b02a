import { describe, expect, it } from 'vitest';
import { buildAuthnRequest, signAuthnRequest, type AuthnRequestInput } from '#harness/saml';
import { createKeyPair, sharedKeyPair } from '#harness/saml';
import { BINDING } from '#harness/saml';
import { decodePost, encodePost, encodeRedirect } from '#harness/saml';
import { validateResponse } from '#harness/saml';
import { catalog } from '../../../mock-sps/registry.js';
import { formsOf, type TestBrowser } from './test-browser.js';
import { ACS, ACS_2, ALICE, CAROL, IDP_BASE, NOW, ssoFixture, type SsoFixture } from './test-setup.js';

const SP = 'urn:profit-prod:profit-prod-sso-auth';
const SSO_URL = `${IDP_BASE}/saml2/profitco`;

function request(overrides: Partial<AuthnRequestInput> = {}): { xml: string; id: string } {
  return buildAuthnRequest({ issuer: SP, destination: SSO_URL, acsUrl: ACS, now: NOW, ...overrides });
}

function samlResponseOf(body: string | undefined): {
  action: string;
  xml: string;
  relayState: string | undefined;
} {
  const form = formsOf(body).find((candidate) => 'SAMLResponse' in candidate.fields);
  if (!form) throw new TypeError('The page carries no SAMLResponse form');
  return {
    action: form.action,
    xml: decodePost(form.fields.SAMLResponse!),
    relayState: form.fields.RelayState,
  };
}

async function signedInBrowser(fixture: SsoFixture, user = ALICE): Promise<TestBrowser> {
  const browser = fixture.browser();
  await browser.signIn(user.email, user.password);
  return browser;
}

/** Expects a 400 naming `reason`, no assertion on the page, none issued, and the refusal logged. */
function expectRefused(
  fixture: SsoFixture,
  page: { status: number; headers: Record<string, string>; body?: string },
  reason: string,
) {
  expect(page.status).toBe(400);
  expect(page.headers['x-sso-refusal']).toBe(reason);
  expect(page.body).toContain(`data-reason="${reason}"`);
  expect(page.body).not.toContain('name="SAMLResponse"');
  expect(fixture.web.log.issued()).toEqual([]);
  expect(fixture.web.log.refusals().at(-1)).toMatchObject({
    flow: 'sp-initiated',
    outcome: 'refused',
    reason,
  });
}

describe('SP-initiated SSO', () => {
  it('keeps an unsigned Redirect request across the login and answers it with InResponseTo', async () => {
    const fixture = await ssoFixture();
    const browser = fixture.browser();
    const { xml, id } = request();
    const first = await browser.get(
      `/saml2/profitco?${encodeRedirect('SAMLRequest', xml, { relayState: 'deep/link?x=1' })}`,
    );
    expect(first.status).toBe(302);
    expect(first.headers.location).toMatch(
      /^https:\/\/idp\.test\/login\?return=%2Fsaml2%2Fprofitco%3Fpending%3D/,
    );
    const page = await browser.submitLogin(await browser.follow(first), ALICE.email, ALICE.password);
    expect(page.status).toBe(200);
    const posted = samlResponseOf(page.body);
    expect(posted).toMatchObject({ action: ACS, relayState: 'deep/link?x=1' });
    const login = await validateResponse(posted.xml, {
      idpEntityId: 'JumpCloud',
      trusted: [fixture.idpKeys.certificatePem],
      spEntityId: SP,
      acsUrl: ACS,
      now: () => NOW,
      outstandingRequests: new Set([id]),
    });
    expect(login).toMatchObject({ nameId: ALICE.email, inResponseTo: id });
    // The pending request is used once.
    expect((await browser.get(new URL(first.headers.location!).searchParams.get('return')!)).status).toBe(
      400,
    );
  });

  it('answers an unsigned POST request at once for a signed-in user', async () => {
    const fixture = await ssoFixture();
    const browser = await signedInBrowser(fixture);
    const { xml, id } = request();
    const page = await browser.post('/saml2/profitco', { SAMLRequest: encodePost(xml), RelayState: 'rs' });
    const posted = samlResponseOf(page.body);
    expect(posted.relayState).toBe('rs');
    expect(posted.xml).toContain(`InResponseTo="${id}"`);
  });

  it('verifies a signed Redirect request with the SP certificate', async () => {
    const fixture = await ssoFixture();
    fixture.app.sso.update({ spCertificatePem: fixture.spKeys.certificatePem });
    const browser = await signedInBrowser(fixture);
    const query = encodeRedirect('SAMLRequest', request().xml, {
      relayState: 'r',
      sign: { key: fixture.spKeys },
    });
    const page = await browser.get(`/saml2/profitco?${query}`);
    expect(page.status).toBe(200);
    expect(samlResponseOf(page.body).action).toBe(ACS);
  });

  it('verifies a signed POST request with the SP certificate', async () => {
    const fixture = await ssoFixture();
    fixture.app.sso.update({ spCertificatePem: fixture.spKeys.certificatePem });
    const browser = await signedInBrowser(fixture);
    const { xml, id } = request();
    const page = await browser.post('/saml2/profitco', {
      SAMLRequest: encodePost(signAuthnRequest(xml, id, fixture.spKeys)),
    });
    expect(page.status).toBe(200);
    expect(samlResponseOf(page.body).xml).toContain(`InResponseTo="${id}"`);
  });

  it('honours AssertionConsumerServiceIndex', async () => {
    const fixture = await ssoFixture();
    const browser = await signedInBrowser(fixture);
    const { xml } = buildAuthnRequest({ issuer: SP, destination: SSO_URL, acsIndex: 7, now: NOW });
    const page = await browser.get(`/saml2/profitco?${encodeRedirect('SAMLRequest', xml)}`);
    const posted = samlResponseOf(page.body);
    expect(posted.action).toBe(ACS_2);
    expect(posted.xml).toContain(`Destination="${ACS_2}"`);
  });

  it.each([
    ['an unknown Issuer', () => request({ issuer: 'https://evil.test' }), 'unknown-issuer'],
    ['an unregistered ACS URL', () => request({ acsUrl: 'https://evil.test/acs' }), 'acs-not-registered'],
    [
      'an ACS index that is not registered',
      () => buildAuthnRequest({ issuer: SP, destination: SSO_URL, acsIndex: 3, now: NOW }),
      'acs-not-registered',
    ],
    [
      'an unsupported ProtocolBinding',
      () => request({ protocolBinding: BINDING.redirect }),
      'binding-mismatch',
    ],
    [
      'a NameIDPolicy format the app does not issue',
      () => request({ nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' }),
      'name-id-policy-unsupported',
    ],
    [
      'another Destination',
      () => request({ destination: `${IDP_BASE}/saml2/other` }),
      'destination-mismatch',
    ],
  ] as const)('refuses %s with 400 and issues no assertion', async (_title, build, reason) => {
    const fixture = await ssoFixture();
    const browser = await signedInBrowser(fixture);
    expectRefused(
      fixture,
      await browser.get(`/saml2/profitco?${encodeRedirect('SAMLRequest', build().xml)}`),
      reason,
    );
  });

  it('refuses an unsigned Redirect request when an SP certificate is configured', async () => {
    const fixture = await ssoFixture({
      sso: { spCertificatePem: (await sharedKeyPair('sp-test', { commonName: 'sp.test' })).certificatePem },
    });
    const browser = await signedInBrowser(fixture);
    expectRefused(
      fixture,
      await browser.get(`/saml2/profitco?${encodeRedirect('SAMLRequest', request().xml)}`),
      'signature-missing',
    );
  });

  it('refuses a Redirect request signed with another key', async () => {
    const fixture = await ssoFixture({
      sso: { spCertificatePem: (await sharedKeyPair('sp-test', { commonName: 'sp.test' })).certificatePem },
    });
    const browser = await signedInBrowser(fixture);
    const query = encodeRedirect('SAMLRequest', request().xml, { sign: { key: fixture.idpKeys } });
    expectRefused(fixture, await browser.get(`/saml2/profitco?${query}`), 'signature-invalid');
  });

  it('refuses a Redirect request whose RelayState was changed after signing', async () => {
    const fixture = await ssoFixture({
      sso: { spCertificatePem: (await sharedKeyPair('sp-test', { commonName: 'sp.test' })).certificatePem },
    });
    const browser = await signedInBrowser(fixture);
    const query = encodeRedirect('SAMLRequest', request().xml, {
      relayState: 'a',
      sign: { key: fixture.spKeys },
    });
    expectRefused(
      fixture,
      await browser.get(`/saml2/profitco?${query.replace('RelayState=a', 'RelayState=b')}`),
      'signature-invalid',
    );
  });

  it('refuses an unsigned POST request when an SP certificate is configured', async () => {
    const fixture = await ssoFixture({
      sso: { spCertificatePem: (await sharedKeyPair('sp-test', { commonName: 'sp.test' })).certificatePem },
    });
    const browser = await signedInBrowser(fixture);
    expectRefused(
      fixture,
      await browser.post('/saml2/profitco', { SAMLRequest: encodePost(request().xml) }),
      'signature-missing',
    );
  });

  it('refuses a POST request changed after signing', async () => {
    const fixture = await ssoFixture({
      sso: { spCertificatePem: (await sharedKeyPair('sp-test', { commonName: 'sp.test' })).certificatePem },
    });
    const browser = await signedInBrowser(fixture);
    const { xml, id } = request();
    const tampered = signAuthnRequest(xml, id, fixture.spKeys).replace(ACS, 'https://evil.test/acs');
    expectRefused(
      fixture,
      await browser.post('/saml2/profitco', { SAMLRequest: encodePost(tampered) }),
      'signature-invalid',
    );
  });

  it('refuses a POST request signed by a key other than the SP certificate’s', async () => {
    const fixture = await ssoFixture({
      sso: { spCertificatePem: (await sharedKeyPair('sp-test', { commonName: 'sp.test' })).certificatePem },
    });
    const browser = await signedInBrowser(fixture);
    const { xml, id } = request();
    const page = await browser.post('/saml2/profitco', {
      SAMLRequest: encodePost(signAuthnRequest(xml, id, fixture.idpKeys)),
    });
    expectRefused(fixture, page, 'untrusted-certificate');
  });

  it('refuses both flows once SSO is deactivated, and serves them again once reactivated', async () => {
    const fixture = await ssoFixture();
    const browser = await signedInBrowser(fixture);
    fixture.app.sso.deactivate();
    expectRefused(
      fixture,
      await browser.get(`/saml2/profitco?${encodeRedirect('SAMLRequest', request().xml)}`),
      'sso-disabled',
    );
    fixture.app.sso.activate();
    expect(
      (await browser.get(`/saml2/profitco?${encodeRedirect('SAMLRequest', request().xml)}`)).status,
    ).toBe(200);
  });

  it('gives a suspended member the access-denied page and no assertion', async () => {
    const fixture = await ssoFixture();
    const browser = await signedInBrowser(fixture, CAROL);
    const page = await browser.get(`/saml2/profitco?${encodeRedirect('SAMLRequest', request().xml)}`);
    expect(page.status).toBe(403);
    expect(page.headers['x-sso-refusal']).toBe('access-denied');
    expect(page.body).not.toContain('name="SAMLResponse"');
    expect(fixture.web.log.issued()).toEqual([]);
  });

  it('encrypts the assertion to the SP certificate with Salesforce’s defaults', async () => {
    const fixture = await ssoFixture();
    const spKeys = await createKeyPair({ commonName: 'JumpCloud SAML' });
    const app = fixture.idp.createApplication(catalog.salesforce!, 'salesforce', {
      sso: { acsUrls: ['https://acme.my.salesforce.com?sc=XYZ'], spCertificatePem: spKeys.certificatePem },
    });
    await fixture.idp.bindGroup(app, fixture.groupId);
    const browser = await signedInBrowser(fixture);
    const { xml, id } = buildAuthnRequest({
      issuer: 'https://saml.salesforce.com',
      destination: `${IDP_BASE}/saml2/salesforce`,
      acsUrl: 'https://acme.my.salesforce.com?sc=XYZ',
      now: NOW,
    });
    const page = await browser.post('/saml2/salesforce', {
      SAMLRequest: encodePost(signAuthnRequest(xml, id, spKeys)),
    });
    const posted = samlResponseOf(page.body);
    expect(posted.xml).toContain('EncryptedAssertion');
    expect(posted.xml).not.toContain(ALICE.email);
    const login = await validateResponse(posted.xml, {
      idpEntityId: 'JumpCloud',
      trusted: [fixture.idpKeys.certificatePem],
      spEntityId: 'https://saml.salesforce.com',
      acsUrl: 'https://acme.my.salesforce.com?sc=XYZ',
      now: () => NOW,
      outstandingRequests: new Set([id]),
      decryptionKey: spKeys,
      requireEncryptedAssertion: true,
    });
    expect(login.attributes).toEqual({
      'User.Username': [ALICE.email],
      'User.Email': [ALICE.email],
      'User.LastName': ['Liddell'],
      'User.FirstName': ['Alice'],
      'User.ProfileId': ['Standard User'],
      'User.FederationIdentifier': [ALICE.email],
    });
  });
});
