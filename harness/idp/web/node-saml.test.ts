/**
 * Peer test: node-saml (@node-saml/node-saml, a devDependency) plays the SP against the IdP.
 * Missing, it is skipped with a warning, unless SSO_HARNESS_REQUIRE_PEERS=1 makes that a failure.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as NodeSamlModule from '@node-saml/node-saml';
import { catalog } from '../../../mock-sps/registry.js';
import { formsOf } from './test-browser.js';
import { ACS, ALICE, NOW, ssoFixture } from './test-setup.js';

type NodeSaml = typeof NodeSamlModule;

async function loadPeer(): Promise<NodeSaml | undefined> {
  try {
    return await import('@node-saml/node-saml');
  } catch (error) {
    if (process.env.SSO_HARNESS_REQUIRE_PEERS === '1') throw error;
    console.warn(
      '\n*** PEER TEST SKIPPED: @node-saml/node-saml is not installed, so the IdP is not checked against node-saml. ' +
        'Run `npm install` (it is a devDependency); set SSO_HARNESS_REQUIRE_PEERS=1 to make this a failure. ***\n',
    );
    return undefined;
  }
}

const peer = await loadPeer();
const SP = 'https://node-saml.sp.test';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

describe.skipIf(peer === undefined)('node-saml as the SP', () => {
  // node-saml reads the clock itself: pin Date to the fixture's instant.
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a signed Redirect AuthnRequest the IdP accepts, and accepts the IdP’s Response', async () => {
    const fixture = await ssoFixture();
    const app = fixture.idp.createApplication(catalog.sparkpost!, 'node-saml', {
      sso: {
        spEntityId: SP,
        acsUrls: [ACS],
        spCertificatePem: fixture.spKeys.certificatePem,
        nameId: { source: { property: 'email' }, format: EMAIL_FORMAT },
      },
    });
    await fixture.idp.bindGroup(app, fixture.groupId);
    const saml = new peer!.SAML({
      entryPoint: fixture.web.urls(app).sso,
      issuer: SP,
      callbackUrl: ACS,
      audience: SP,
      idpCert: fixture.idpKeys.certificatePem,
      idpIssuer: 'JumpCloud',
      wantAssertionsSigned: true,
      // JumpCloud's default shape: the assertion signed, the Response not (docs/conformance.md "Response shape").
      wantAuthnResponseSigned: false,
      privateKey: fixture.spKeys.privateKeyPem,
      signatureAlgorithm: 'sha256',
      identifierFormat: EMAIL_FORMAT,
    });
    const url = new URL(await saml.getAuthorizeUrlAsync('from-node-saml', undefined, {}));
    expect(url.searchParams.get('Signature')).toBeTruthy();

    const browser = fixture.browser();
    const login = await browser.follow(await browser.get(`${url.pathname}${url.search}`));
    const page = await browser.submitLogin(login, ALICE.email, ALICE.password);
    expect(page.status).toBe(200);
    const form = formsOf(page.body).find((candidate) => 'SAMLResponse' in candidate.fields)!;
    expect(form.action).toBe(ACS);
    expect(form.fields.RelayState).toBe('from-node-saml');

    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse! });
    expect(profile).toMatchObject({ issuer: 'JumpCloud', nameID: ALICE.email, nameIDFormat: EMAIL_FORMAT });
  });
});
