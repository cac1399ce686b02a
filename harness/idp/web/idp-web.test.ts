import { describe, expect, it } from 'vitest';
import { parseIdpMetadata } from '#harness/saml';
import { decodePost } from '#harness/saml';
import { validateResponse, type ResponsePolicy } from '#harness/saml';
import { catalog } from '../../../mock-sps/registry.js';
import { ReferenceIdp } from '../reference-idp.js';
import { startIdpWeb } from './express.js';
import { formsOf } from './test-browser.js';
import { ACS, ALICE, BOB, CAROL, IDP_BASE, NOW, ssoFixture, type SsoFixture } from './test-setup.js';

const PROFITCO = 'urn:profit-prod:profit-prod-sso-auth';

function spPolicy(fixture: SsoFixture, overrides: Partial<ResponsePolicy> = {}): ResponsePolicy {
  return {
    idpEntityId: 'JumpCloud',
    trusted: [fixture.idpKeys.certificatePem],
    spEntityId: PROFITCO,
    acsUrl: ACS,
    now: () => NOW,
    ...overrides,
  };
}

/** The SAMLResponse XML and RelayState an auto-submit page carries to the ACS. */
function postedResponse(body: string | undefined): { action: string; xml: string; relayState?: string } {
  const form = formsOf(body).find((candidate) => 'SAMLResponse' in candidate.fields);
  if (!form) throw new TypeError('The page carries no SAMLResponse form');
  return {
    action: form.action,
    xml: decodePost(form.fields.SAMLResponse!),
    ...(form.fields.RelayState === undefined ? {} : { relayState: form.fields.RelayState }),
  };
}

async function launch(fixture: SsoFixture, user: { email: string; password: string }, slug = 'profitco') {
  const browser = fixture.browser();
  const console = await browser.signIn(user.email, user.password);
  const csrf = formsOf(console.body).find((form) => form.action === '/logout')!.fields.csrf!;
  return browser.post(`/console/launch/${slug}`, { csrf });
}

describe('IdpWeb', () => {
  it('serves the metadata at a stable URL with the certificate that signs the assertions', async () => {
    const fixture = await ssoFixture();
    const response = await fixture.browser().get('/saml2/profitco/metadata');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/samlmetadata\+xml/);
    const metadata = parseIdpMetadata(response.body!);
    expect(metadata).toMatchObject({
      entityId: 'JumpCloud',
      ssoUrls: { redirect: `${IDP_BASE}/saml2/profitco`, post: `${IDP_BASE}/saml2/profitco` },
    });
    const posted = postedResponse((await launch(fixture, ALICE)).body);
    await expect(
      validateResponse(
        posted.xml,
        spPolicy(fixture, { trusted: metadata.certificates, allowUnsolicited: true }),
      ),
    ).resolves.toMatchObject({ nameId: ALICE.email });
  });

  it('offers the metadata as JumpCloud-<app>-metadata.xml and the certificate as certificate.pem', async () => {
    const fixture = await ssoFixture();
    const browser = fixture.browser();
    const download = await browser.get('/apps/profitco/JumpCloud-profitco-metadata.xml');
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="JumpCloud-profitco-metadata.xml"',
    );
    expect(parseIdpMetadata(download.body!).entityId).toBe('JumpCloud');
    const certificate = await browser.get('/apps/profitco/certificate.pem');
    expect(certificate.headers['content-disposition']).toBe('attachment; filename="certificate.pem"');
    expect(certificate.body).toBe(fixture.idpKeys.certificatePem);
    expect(fixture.web.urls(fixture.app)).toEqual({
      sso: `${IDP_BASE}/saml2/profitco`,
      metadata: `${IDP_BASE}/saml2/profitco/metadata`,
      metadataDownload: `${IDP_BASE}/apps/profitco/JumpCloud-profitco-metadata.xml`,
      certificate: `${IDP_BASE}/apps/profitco/certificate.pem`,
      slo: `${IDP_BASE}/saml2/profitco/slo`,
    });
    expect((await browser.get('/apps/profitco/JumpCloud-other-metadata.xml')).status).toBe(404);
  });

  it('sends a visitor without a session to the login form and back to the console after signing in', async () => {
    const fixture = await ssoFixture();
    const browser = fixture.browser();
    const redirect = await browser.get('/console');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(`${IDP_BASE}/login?return=%2Fconsole`);
    const login = await browser.follow(redirect);
    expect(login.headers['set-cookie']).toMatch(
      /^idp_session=[\w-]+; Path=\/; HttpOnly; SameSite=None; Secure$/,
    );
    const console = await browser.submitLogin(login, ALICE.email, ALICE.password);
    expect(console.status).toBe(200);
    expect(console.body).toContain('<span data-user>alice@example.com</span>');
  });

  it('shows the login form again with an error for a wrong password and signs nobody in', async () => {
    const fixture = await ssoFixture();
    const browser = fixture.browser();
    const page = await browser.submitLogin(await browser.get('/login'), ALICE.email, 'wrong');
    expect(page.status).toBe(401);
    expect(page.body).toContain('Incorrect email or password.');
    expect((await browser.get('/console')).status).toBe(302);
    expect(fixture.web.log.entries.at(-1)).toMatchObject({ flow: 'login', outcome: 'failure' });
  });

  it('refuses a login form that does not carry the session’s token', async () => {
    const fixture = await ssoFixture();
    const browser = fixture.browser();
    await browser.get('/login');
    const page = await browser.post('/login', {
      email: ALICE.email,
      password: ALICE.password,
      csrf: 'forged',
    });
    expect(page.status).toBe(400);
    expect((await browser.get('/console')).status).toBe(302);
  });

  it('lists tiles only for applications the user is authorized for and whose SSO is enabled', async () => {
    const fixture = await ssoFixture();
    const { idp, groupId } = fixture;
    idp.createApplication(catalog.salesforce!, 'salesforce', { sso: { acsUrls: [ACS] } });
    const disabled = idp.createApplication(catalog.sparkpost!, 'sparkpost', {
      sso: { spEntityId: 'sparkpost', acsUrls: [ACS] },
    });
    await idp.bindGroup(disabled, groupId);
    disabled.sso.deactivate();
    const console = await fixture.browser().signIn(ALICE.email, ALICE.password);
    const tiles = formsOf(console.body).filter((form) => form.action.startsWith('/console/launch/'));
    expect(tiles.map((tile) => tile.action)).toEqual(['/console/launch/profitco']);
    const bobConsole = await fixture.browser().signIn(BOB.email, BOB.password);
    expect(bobConsole.body).toContain('No applications are available to you.');
  });

  it('posts a signed unsolicited response on launch that a strict SP accepts, with the configured RelayState', async () => {
    const fixture = await ssoFixture({ sso: { relayState: '/okrs' } });
    const page = await launch(fixture, ALICE);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self' https://sp.test");
    expect(page.body).toMatch(/<script nonce="[\w-]+">\s*document\.forms\[0\]\.submit\(\);\s*<\/script>/);
    const posted = postedResponse(page.body);
    expect(posted.action).toBe(ACS);
    expect(posted.relayState).toBe('/okrs');
    expect(posted.xml).not.toContain('InResponseTo');
    const login = await validateResponse(posted.xml, spPolicy(fixture, { allowUnsolicited: true }));
    expect(login).toMatchObject({
      nameId: ALICE.email,
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      attributes: { username: [ALICE.email] },
      issuer: 'JumpCloud',
    });
    expect(login.inResponseTo).toBeUndefined();
    expect(fixture.web.log.issued()).toHaveLength(1);
  });

  it('refuses a launch without the session’s CSRF token', async () => {
    const fixture = await ssoFixture();
    const browser = fixture.browser();
    await browser.signIn(ALICE.email, ALICE.password);
    const page = await browser.post('/console/launch/profitco', { csrf: 'forged' });
    expect(page.status).toBe(403);
    expect(page.headers['x-sso-refusal']).toBe('csrf');
    expect(page.body).not.toContain('name="SAMLResponse"');
  });

  it('gives a user outside every bound group the access-denied page and no assertion', async () => {
    const fixture = await ssoFixture();
    const page = await launch(fixture, BOB);
    expect(page.status).toBe(403);
    expect(page.body).toContain('Access denied');
    expect(page.body).not.toContain('name="SAMLResponse"');
    expect(fixture.web.log.issued()).toEqual([]);
    expect(fixture.web.log.refusals()).toMatchObject([
      { outcome: 'denied', reason: 'access-denied', user: BOB.email },
    ]);
  });

  it('gives a suspended member the access-denied page and no assertion', async () => {
    const fixture = await ssoFixture();
    const page = await launch(fixture, CAROL);
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('name="SAMLResponse"');
    expect(fixture.web.log.issued()).toEqual([]);
  });

  it('escapes what it shows: a user name with markup stays text', async () => {
    const fixture = await ssoFixture();
    const email = 'mallory+<script>@example.com';
    await fixture.idp.createUser({
      username: email,
      email,
      firstname: 'M',
      lastname: 'X',
      password: 'pw-mallory',
    });
    const console = await fixture.browser().signIn(email, 'pw-mallory');
    expect(console.body).toContain('mallory+&lt;script&gt;@example.com');
    expect(console.body).not.toContain('<script>@');
  });

  it('refuses a launch once SSO is deactivated', async () => {
    const fixture = await ssoFixture();
    fixture.app.sso.deactivate();
    const page = await launch(fixture, ALICE);
    expect(page.status).toBe(400);
    expect(page.headers['x-sso-refusal']).toBe('sso-disabled');
    expect(page.body).not.toContain('name="SAMLResponse"');
  });

  it('answers 404 on every URL of a deleted application and makes no SP call', async () => {
    const calls: string[] = [];
    const fixture = await ssoFixture({
      idp: { fetch: async (url) => (calls.push(url), new Response(null, { status: 500 })) },
    });
    fixture.idp.deleteApplication(fixture.app);
    const browser = fixture.browser();
    for (const path of ['/saml2/profitco', '/saml2/profitco/metadata', '/apps/profitco/certificate.pem'])
      expect((await browser.get(path)).status).toBe(404);
    expect((await launch(fixture, ALICE)).status).toBe(404);
    expect(calls).toEqual([]);
    expect(fixture.idp.applications.size).toBe(0);
  });

  it('signs out, clearing the cookie', async () => {
    const fixture = await ssoFixture();
    const browser = fixture.browser();
    const console = await browser.signIn(ALICE.email, ALICE.password);
    const logout = formsOf(console.body).find((form) => form.action === '/logout')!;
    const response = await browser.post(logout.action, logout.fields);
    expect(response.status).toBe(302);
    expect(response.headers['set-cookie']).toContain('Max-Age=0');
    expect((await browser.get('/console')).status).toBe(302);
  });

  it('answers 405 with Allow for a method a path does not take', async () => {
    const fixture = await ssoFixture();
    const response = await fixture.web.handle({ method: 'DELETE', url: '/saml2/profitco', headers: {} });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('shares one certificate across applications: the IdP’s key pair', async () => {
    const idp = new ReferenceIdp();
    expect(await idp.keys()).toBe(await idp.keys());
    expect((await ssoFixture()).idpKeys.certificatePem).toBe((await idp.keys()).certificatePem);
  });

  it('serves the same handler over HTTP with express, on an ephemeral port', async () => {
    const fixture = await ssoFixture();
    const running = await startIdpWeb(fixture.idp);
    try {
      expect(running.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const metadata = await fetch(`${running.baseUrl}/saml2/profitco/metadata`);
      expect(metadata.status).toBe(200);
      expect(parseIdpMetadata(await metadata.text()).ssoUrls.post).toBe(`${running.baseUrl}/saml2/profitco`);
      const login = await fetch(`${running.baseUrl}/login`);
      expect(login.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Lax$/);
      const tooLarge = await fetch(`${running.baseUrl}/login`, {
        method: 'POST',
        body: 'x'.repeat(1_048_577),
      });
      expect(tooLarge.status).toBe(413);
    } finally {
      await running.close();
    }
  });
});
