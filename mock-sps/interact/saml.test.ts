import { describe, expect, test } from 'vitest';
import { buildIdpMetadata, decodeRedirect, parseAuthnRequest, parseSpMetadata } from '#harness/saml';
import { USER_SCHEMA, type FetchLike } from '#harness/scim';
import type { MockSp } from '../core/mock-sp.js';
import type { SamlFault } from '../core/saml-faults.js';
import { SAML_PATHS } from '../core/saml/saml-service.js';
import {
  IDP_ENTITY_ID,
  IDP_SSO_URL,
  getAt,
  idpKey,
  lastLogin,
  postAcs,
  responseFor,
  samlSp,
} from '../core/saml/test-support.js';
import { interactProfile } from './profile.js';

const ORIGIN = 'https://acme.interactgo.com';
const METADATA_URL = 'https://idp.sso-harness.test/saml2/interact/metadata';
const SCIM = { authorization: 'Bearer test-token', 'content-type': 'application/scim+json' };

/** A fetch that serves the IdP's metadata at METADATA_URL (INT-02). */
async function idpMetadataFetch(): Promise<FetchLike> {
  const metadata = buildIdpMetadata({
    entityId: IDP_ENTITY_ID,
    ssoUrls: { redirect: IDP_SSO_URL, post: IDP_SSO_URL },
    certificates: [(await idpKey()).certificatePem],
  });
  return async (input) =>
    input === METADATA_URL ? new Response(metadata) : new Response('', { status: 404 });
}

async function interactSp(samlFaults: SamlFault[] = []) {
  return samlSp(interactProfile, {
    samlFaults,
    idp: { metadataUrl: METADATA_URL, name: 'JumpCloud' },
    options: { token: 'test-token', fetch: await idpMetadataFetch() },
  });
}

/** Provisions a user over SCIM, as the IdP's connector does; returns its id. */
function provision(sp: MockSp, email: string): string {
  const res = sp.handle({
    method: 'POST',
    url: '/api/v2/scim/v2/Users',
    headers: SCIM,
    body: JSON.stringify({
      schemas: [USER_SCHEMA],
      userName: 'alice',
      emails: [{ type: 'work', value: email }],
    }),
  });
  expect(res.status).toBe(201);
  return JSON.parse(res.body!).id as string;
}

describe('Interact SAML', () => {
  test('serves parsable metadata with its Entity ID and ACS', async () => {
    const { sp } = await interactSp();
    const metadata = parseSpMetadata((await getAt(sp, SAML_PATHS.metadata)).body!);

    expect(metadata).toMatchObject({
      entityId: `${ORIGIN}/saml/metadata`,
      acs: [{ url: `${ORIGIN}/saml/acs` }],
    });
  });

  test('imports the IdP from its metadata URL only (INT-02)', async () => {
    const { sp } = await interactSp();
    const key = await idpKey();

    expect(sp.idpSettings()).toMatchObject({
      methods: ['metadata-url'],
      name: 'JumpCloud',
      entityId: IDP_ENTITY_ID,
      certificates: [key.certificatePem],
      metadataUrl: METADATA_URL,
    });
    await expect(
      sp.configureIdp({ entityId: IDP_ENTITY_ID, certificatePem: key.certificatePem }),
    ).rejects.toThrow(/by metadata-url, not by manual/);
  });

  test('starts an SP-initiated login with an unsigned Redirect AuthnRequest', async () => {
    const { sp } = await interactSp();
    const location = new URL((await getAt(sp, SAML_PATHS.login)).headers.location!);
    const decoded = decodeRedirect(location.search.slice(1));

    expect(decoded.signature).toBeUndefined();
    expect(parseAuthnRequest(decoded.xml)).toMatchObject({
      issuer: `${ORIGIN}/saml/metadata`,
      signed: false,
    });
  });

  test('signs in a user provisioned over SCIM and refuses an unknown one (INT-03)', async () => {
    const { sp } = await interactSp();
    provision(sp, 'alice@example.com');

    expect((await postAcs(sp, await responseFor(sp, { nameId: 'Alice@Example.com' }))).status).toBe(303);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'success', user: 'alice' });
    expect((await postAcs(sp, await responseFor(sp, { nameId: 'bob@example.com' }))).status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'refused', reason: 'unknown-user' });
    expect(sp.state().users).toHaveLength(1);
  });

  test('refuses a user deactivated over SCIM', async () => {
    const { sp } = await interactSp();
    const id = provision(sp, 'alice@example.com');
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    };
    sp.handle({
      method: 'PATCH',
      url: `/api/v2/scim/v2/Users/${id}`,
      headers: SCIM,
      body: JSON.stringify(patch),
    });

    expect((await postAcs(sp, await responseFor(sp))).status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ reason: 'user-inactive' });
  });

  test('unknown-user-created creates the unknown user in the SCIM store', async () => {
    const { sp } = await interactSp(['unknown-user-created']);

    expect((await postAcs(sp, await responseFor(sp, { nameId: 'bob@example.com' }))).status).toBe(303);
    expect(sp.state().users).toMatchObject([
      { resource: { userName: 'bob@example.com', emails: [{ value: 'bob@example.com' }] } },
    ]);
  });

  test('shows a login button with the IdP name and auto-logs in as the default provider (INT-02)', async () => {
    const { sp } = await interactSp();
    expect((await getAt(sp, SAML_PATHS.signIn)).body).toContain('Log in with JumpCloud');

    await sp.configureIdp({ metadataUrl: METADATA_URL, name: 'JumpCloud', autoLogin: true });
    const signIn = await getAt(sp, SAML_PATHS.signIn);
    expect(signIn).toMatchObject({ status: 302, headers: { location: SAML_PATHS.login } });
  });
});
