/**
 * Peer test: node-saml (@node-saml/node-saml, a devDependency) plays the SP against the IdP.
 * Missing, it is skipped with a warning, unless SSO_HARNESS_REQUIRE_PEERS=1 makes that a failure.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as NodeSamlModule from '@node-saml/node-saml';
import { catalog } from '../../../mock-sps/registry.js';
import type { Application } from '../application.js';
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

/** The application node-saml signs in to, bound to the fixture's group; `sso` adds settings. */
async function nodeSamlApplication(
  fixture: Awaited<ReturnType<typeof ssoFixture>>,
  sso: { spSloUrl?: string } = {},
): Promise<Application> {
  const app = fixture.idp.createApplication(catalog.sparkpost!, 'node-saml', {
    sso: {
      spEntityId: SP,
      acsUrls: [ACS],
      spCertificatePem: fixture.spKeys.certificatePem,
      nameId: { source: { property: 'email' }, format: EMAIL_FORMAT },
      ...sso,
    },
  });
  await fixture.idp.bindGroup(app, fixture.groupId);
  return app;
}

/** node-saml configured as the SP of `app`: the IdP's URLs and certificate, its own signing key. */
function nodeSamlSp(fixture: Awaited<ReturnType<typeof ssoFixture>>, app: Application): NodeSamlModule.SAML {
  return new peer!.SAML({
    entryPoint: fixture.web.urls(app).sso,
    logoutUrl: fixture.web.urls(app).slo,
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
}

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
    const app = await nodeSamlApplication(fixture);
    const saml = nodeSamlSp(fixture, app);
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

  it('runs Single Logout both ways with node-saml: its signed LogoutRequest ends the IdP session, and the IdP’s LogoutRequest verifies there', async () => {
    const fixture = await ssoFixture();
    const sloUrl = `${SP}/slo`;
    const app = await nodeSamlApplication(fixture, { spSloUrl: sloUrl });
    const saml = nodeSamlSp(fixture, app);
    const browser = fixture.browser();
    const signIn = async () => {
      const url = new URL(await saml.getAuthorizeUrlAsync('', undefined, {}));
      const login = await browser.follow(await browser.get(`${url.pathname}${url.search}`));
      const page =
        browser.cookies.size > 0 &&
        login.status === 200 &&
        !formsOf(login.body).some((f) => 'password' in f.fields)
          ? login
          : await browser.submitLogin(login, ALICE.email, ALICE.password);
      const form = formsOf(page.body).find((candidate) => 'SAMLResponse' in candidate.fields)!;
      return (await saml.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse! })).profile!;
    };
    const query = (location: string) => {
      const url = new URL(location);
      return { url, container: Object.fromEntries(url.searchParams), raw: url.search.slice(1) };
    };
    const consoleOpens = async () => (await browser.get('/console')).status === 200;

    // SP-initiated: node-saml's LogoutRequest (signed, HTTP-Redirect) ends the IdP session; its answer verifies.
    const profile = await signIn();
    expect(await consoleOpens()).toBe(true);
    const logoutUrl = new URL(await saml.getLogoutUrlAsync(profile, 'after-logout', {}));
    const answered = await browser.get(`${logoutUrl.pathname}${logoutUrl.search}`);
    expect(answered.status).toBe(302);
    const response = query(answered.headers.location!);
    expect(response.url.origin + response.url.pathname).toBe(sloUrl);
    expect(response.container.RelayState).toBe('after-logout');
    const verified = await saml.validateRedirectAsync(response.container, response.raw);
    expect(verified.loggedOut).toBe(true);
    expect(await consoleOpens()).toBe(false);

    // IdP-initiated: the console's sign-out sends node-saml a LogoutRequest it verifies, and takes its answer.
    await signIn();
    const consolePage = await browser.get('/console');
    const logout = formsOf(consolePage.body).find((form) => form.action === '/logout')!;
    const toSp = await browser.post(logout.action, logout.fields);
    expect(toSp.status).toBe(302);
    const request = query(toSp.headers.location!);
    const { profile: toEnd } = await saml.validateRedirectAsync(request.container, request.raw);
    expect(toEnd).toMatchObject({ nameID: ALICE.email, nameIDFormat: EMAIL_FORMAT });
    expect(toEnd!.sessionIndex).toBeTruthy();
    const back = new URL(await saml.getLogoutResponseUrlAsync(toEnd!, '', {}, true));
    const done = await browser.get(`${back.pathname}${back.search}`);
    expect(done.status).toBe(302);
    expect(done.headers.location).toMatch(/\/login$/);
    expect(await consoleOpens()).toBe(false);

    // A LogoutRequest node-saml did not sign (no private key) ends nothing.
    await signIn();
    const unsigned = new peer!.SAML({ ...saml.options, privateKey: undefined } as never);
    const forged = new URL(await unsigned.getLogoutUrlAsync(profile, '', {}));
    expect((await browser.get(`${forged.pathname}${forged.search}`)).status).toBe(403);
    expect(await consoleOpens()).toBe(true);
  });
});
