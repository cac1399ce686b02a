import { describe, expect, test } from 'vitest';
import {
  NAMEID_FORMAT,
  buildIdpMetadata,
  decodeRedirect,
  parseAuthnRequest,
  parseSpMetadata,
  pemToBase64,
} from '#harness/saml';
import type { FetchLike } from '#harness/scim';
import { INSPECTION_PATH, MockSp } from '../mock-sp.js';
import { SAML_PATHS } from './saml-service.js';
import {
  IDP_ENTITY_ID,
  IDP_SSO_URL,
  cookieOf,
  getAt,
  idpKey,
  lastLogin,
  plainSamlProfile,
  postAcs,
  responseFor,
  samlSp,
} from './test-support.js';

const ORIGIN = 'https://plain.sso-harness.test';

/** The AuthnRequest carried by a Redirect-binding Location. */
function requestIn(location: string) {
  const url = new URL(location);
  const decoded = decodeRedirect(url.search.slice(1));
  return { url, decoded, request: parseAuthnRequest(decoded.xml) };
}

describe('SAML service core', () => {
  test('serves SP metadata with the entity ID, the POST ACS and no certificates it does not use', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    const res = await getAt(sp, SAML_PATHS.metadata);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/samlmetadata\+xml/);
    expect(parseSpMetadata(res.body!)).toMatchObject({
      entityId: `${ORIGIN}/saml/metadata`,
      acs: [
        { url: `${ORIGIN}/saml/acs`, binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', index: 0 },
      ],
      signingCertificates: [],
      encryptionCertificates: [],
      authnRequestsSigned: false,
      wantAssertionsSigned: true,
    });
  });

  test('starts an SP-initiated login with a Redirect AuthnRequest and accepts its answer once', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });
    const start = await getAt(sp, `${SAML_PATHS.login}?RelayState=%2Fhome`);

    expect(start.status).toBe(302);
    const { url, decoded, request } = requestIn(start.headers.location!);
    expect(`${url.origin}${url.pathname}`).toBe(IDP_SSO_URL);
    expect(decoded.relayState).toBe('/home');
    expect(decoded.signature).toBeUndefined();
    expect(request).toMatchObject({
      issuer: `${ORIGIN}/saml/metadata`,
      destination: IDP_SSO_URL,
      acsUrl: `${ORIGIN}/saml/acs`,
      signed: false,
    });

    const answer = await responseFor(sp, { input: { inResponseTo: request.id } });
    const accepted = await postAcs(sp, answer, '/home');
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(SAML_PATHS.result);
    expect(lastLogin(sp)).toMatchObject({
      outcome: 'success',
      inResponseTo: request.id,
      relayState: '/home',
    });

    const again = await responseFor(sp, { input: { inResponseTo: request.id } });
    expect((await postAcs(sp, again)).status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'refused', reason: 'in-response-to-mismatch' });
  });

  test('opens a session for an unsolicited response and shows NameID and attributes, escaped', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });
    const xml = await responseFor(sp, { attributes: { department: '<script>alert(1)</script> & co' } });
    const res = await postAcs(sp, xml, 'rs"<x>');
    const cookie = cookieOf(res.headers['set-cookie']);

    expect(res.headers['set-cookie']).toMatch(
      /^plain_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(sp.state().sessions).toMatchObject([
      {
        userName: 'alice',
        nameId: 'alice@example.com',
        attributes: { department: ['<script>alert(1)</script> & co'] },
        issuer: IDP_ENTITY_ID,
        relayState: 'rs"<x>',
        created: false,
      },
    ]);
    const page = await getAt(sp, SAML_PATHS.result, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<dd id="name-id">alice@example.com</dd>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(page.body).toContain('rs&quot;&lt;x&gt;');
    expect(page.body).not.toContain('<script>alert');
  });

  test('refuses a bad response with a 403 page naming the reason and records it, opening no session', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });
    const res = await postAcs(sp, await responseFor(sp, { input: { audience: 'https://other.example' } }));

    expect(res.status).toBe(403);
    expect(res.body).toContain('data-reason="audience-mismatch"');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(sp.state().sessions).toEqual([]);
    expect(sp.loginHistory()).toEqual([
      {
        at: '2024-05-01T12:00:00.000Z',
        outcome: 'refused',
        reason: 'audience-mismatch',
        message: expect.stringContaining('https://other.example'),
      },
    ]);
  });

  test('refuses an unknown user where users must exist, and matches emails case-insensitively', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    expect((await postAcs(sp, await responseFor(sp))).status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ reason: 'unknown-user', nameId: 'alice@example.com' });
    expect(sp.samlUsers()).toEqual([]);

    const interact = await samlSp(plainSamlProfile);
    interact.sp.seedSamlUser({ userName: 'alice', email: 'ALICE@example.com' });
    expect((await postAcs(interact.sp, await responseFor(interact.sp))).status).toBe(303);
  });

  test('answers the ACS only for a form POST within the body limit', async () => {
    const { sp, saml } = await samlSp(plainSamlProfile, { options: { bodyLimit: 2000 } });
    const acs = saml.acsUrl;

    const get = await getAt(sp, acs);
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const json = await sp.handleAsync({
      method: 'POST',
      url: acs,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const big = await sp.handleAsync({
      method: 'POST',
      url: acs,
      headers: {},
      body: `SAMLResponse=${'A'.repeat(3000)}`,
    });
    expect(big.status).toBe(413);
    const empty = await sp.handleAsync({ method: 'POST', url: acs, headers: {}, body: 'RelayState=x' });
    expect(empty.status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'refused', reason: 'malformed', relayState: 'x' });
    const garbage = await sp.handleAsync({
      method: 'POST',
      url: acs,
      headers: {},
      body: 'SAMLResponse=%25%25%25',
    });
    expect(garbage.status).toBe(403);
  });

  test('answers SAML paths only asynchronously, and 404 for an unknown SAML path', async () => {
    const { sp } = await samlSp(plainSamlProfile);

    const sync = sp.handle({ method: 'GET', url: SAML_PATHS.metadata, headers: {} });
    expect(sync.status).toBe(500);
    expect(sync.body).toContain('handleAsync');
    expect((await getAt(sp, '/saml/nothing')).status).toBe(404);
    expect((await getAt(sp, '/elsewhere')).status).toBe(404);
    expect(
      (await sp.originHandler.handle({ method: 'GET', url: SAML_PATHS.metadata, headers: {} })).status,
    ).toBe(200);
  });

  test('shows no session without the cookie, and logs out', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });
    const cookie = cookieOf((await postAcs(sp, await responseFor(sp))).headers['set-cookie']);

    expect((await getAt(sp, SAML_PATHS.result)).status).toBe(401);
    expect((await getAt(sp, SAML_PATHS.result, 'plain_session=forged')).status).toBe(401);
    const out = await getAt(sp, SAML_PATHS.logout, cookie);
    expect(out.headers['set-cookie']).toMatch(/^plain_session=; .*Max-Age=0/);
    expect(sp.state().sessions).toEqual([]);
    expect((await getAt(sp, SAML_PATHS.result, cookie)).status).toBe(401);
  });

  test('refuses a RelayState over 80 bytes and a login before the IdP is configured', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    expect((await getAt(sp, `${SAML_PATHS.login}?RelayState=${'x'.repeat(81)}`)).status).toBe(400);

    const bare = await samlSp(plainSamlProfile, { idp: false });
    expect((await getAt(bare.sp, SAML_PATHS.login)).status).toBe(409);
    expect((await postAcs(bare.sp, await responseFor(bare.sp))).status).toBe(403);
    expect(lastLogin(bare.sp)).toMatchObject({ reason: 'idp-not-configured' });
  });

  test('configures the IdP only the ways the profile offers, and takes a bare base64 certificate', async () => {
    const key = await idpKey();
    const { sp } = await samlSp(plainSamlProfile, { idp: false });
    const metadataXml = buildIdpMetadata({
      entityId: IDP_ENTITY_ID,
      ssoUrls: {},
      certificates: [key.certificatePem],
    });

    await expect(sp.configureIdp({ metadataXml })).rejects.toThrow(/by manual, not by metadata-upload/);
    await expect(sp.configureIdp({ entityId: IDP_ENTITY_ID })).rejects.toThrow(/needs certificate/);
    await expect(
      sp.configureIdp({ entityId: IDP_ENTITY_ID, certificatePem: 'not a certificate' }),
    ).rejects.toThrow(TypeError);
    const settings = await sp.configureIdp({
      entityId: IDP_ENTITY_ID,
      certificatePem: pemToBase64(key.certificatePem),
    });
    expect(settings).toEqual({
      methods: ['manual'],
      entityId: IDP_ENTITY_ID,
      ssoUrls: {},
      certificates: [key.certificatePem],
      placeholder: false,
      autoLogin: false,
    });
    expect(() => new MockSp({ id: 'x', name: 'X', requirementPrefix: 'X' }).configureIdp({})).toThrow(
      TypeError,
    );
  });

  test('imports IdP metadata from a URL with the injected fetch', async () => {
    const key = await idpKey();
    const metadata = buildIdpMetadata({
      entityId: IDP_ENTITY_ID,
      ssoUrls: { redirect: IDP_SSO_URL, post: `${IDP_SSO_URL}/post` },
      certificates: [key.certificatePem],
    });
    const fetched: string[] = [];
    const fetch: FetchLike = async (input) => {
      fetched.push(input);
      return input.endsWith('/metadata') ? new Response(metadata) : new Response('no', { status: 404 });
    };
    const profile = {
      ...plainSamlProfile,
      saml: {
        ...plainSamlProfile.saml,
        idpConfig: { methods: ['metadata-url'], manual: { required: [], optional: [] } },
      },
    } as const;
    const { sp } = await samlSp(profile, { idp: false, options: { fetch } });

    await expect(sp.configureIdp({ metadataUrl: 'https://idp.test/missing' })).rejects.toThrow(/HTTP 404/);
    expect(
      await sp.configureIdp({ metadataUrl: 'https://idp.test/metadata', name: 'JumpCloud' }),
    ).toMatchObject({
      methods: ['metadata-url'],
      name: 'JumpCloud',
      entityId: IDP_ENTITY_ID,
      ssoUrls: { redirect: IDP_SSO_URL, post: `${IDP_SSO_URL}/post` },
      metadataUrl: 'https://idp.test/metadata',
    });
    expect(fetched).toEqual(['https://idp.test/missing', 'https://idp.test/metadata']);
  });

  test('shows a sign-in page with the IdP button, auto-logs in when asked, and refuses password logins', async () => {
    const key = await idpKey();
    const { sp } = await samlSp(plainSamlProfile, {
      idp: {
        entityId: IDP_ENTITY_ID,
        ssoUrl: IDP_SSO_URL,
        certificatePem: key.certificatePem,
        name: 'Acme <SSO>',
      },
    });
    const page = await getAt(sp, SAML_PATHS.signIn);
    expect(page.body).toContain(
      `<a id="sso-button" href="${SAML_PATHS.login}">Log in with Acme &lt;SSO&gt;</a>`,
    );
    expect(page.body).toContain('id="login-form"');
    expect(
      (await sp.handleAsync({ method: 'POST', url: SAML_PATHS.signIn, headers: {}, body: 'username=a' }))
        .status,
    ).toBe(401);

    await sp.configureIdp({
      entityId: IDP_ENTITY_ID,
      ssoUrl: IDP_SSO_URL,
      certificatePem: key.certificatePem,
      autoLogin: true,
    });
    expect(await getAt(sp, SAML_PATHS.signIn)).toMatchObject({
      status: 302,
      headers: { location: SAML_PATHS.login },
    });
  });

  test('serves sessions and the login history on the read-only inspection API', async () => {
    const { sp } = await samlSp(plainSamlProfile);
    sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });
    await postAcs(sp, await responseFor(sp, { nameIdFormat: NAMEID_FORMAT.emailAddress }));

    const state = JSON.parse((await getAt(sp, `${INSPECTION_PATH}/state`)).body!);
    expect(state.sessions).toMatchObject([{ userName: 'alice', nameIdFormat: NAMEID_FORMAT.emailAddress }]);
    // The session cookie's value stays in the SP: over HTTP it would be a way in.
    expect(state.sessions[0]).not.toHaveProperty('id');
    expect(sp.state().sessions![0]!.id).toEqual(expect.any(String));
    const logins = JSON.parse((await getAt(sp, `${INSPECTION_PATH}/logins`)).body!);
    expect(logins).toEqual(sp.loginHistory());
    expect(sp.samlUsers()).toMatchObject([{ userName: 'alice', source: 'seed', active: true }]);
  });
});
