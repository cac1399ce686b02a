import { describe, expect, test } from 'vitest';
import { buildIdpMetadata, decodeRedirect, parseAuthnRequest, parseSpMetadata } from '#harness/saml';
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
import { sparkpostProfile } from './profile.js';

const ORIGIN = 'https://api.sparkpost.com';

async function metadataXml() {
  return buildIdpMetadata({
    entityId: IDP_ENTITY_ID,
    ssoUrls: { redirect: IDP_SSO_URL, post: IDP_SSO_URL },
    certificates: [(await idpKey()).certificatePem],
  });
}

describe('SparkPost SAML', () => {
  test('serves metadata with the API origin as Entity ID and the consume callback as ACS', async () => {
    const { sp } = await samlSp(sparkpostProfile, { idp: false });
    const metadata = parseSpMetadata((await getAt(sp, SAML_PATHS.metadata)).body!);

    expect(metadata).toMatchObject({
      entityId: ORIGIN,
      acs: [{ url: `${ORIGIN}/api/v1/users/saml/consume` }],
    });
  });

  test('is configured by uploading the IdP metadata XML, then signs users in (SPK-01)', async () => {
    const { sp } = await samlSp(sparkpostProfile, { idp: { metadataXml: await metadataXml() } });
    sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });

    expect(sp.idpSettings()).toMatchObject({ methods: ['metadata-upload'], entityId: IDP_ENTITY_ID });
    expect((await postAcs(sp, await responseFor(sp))).status).toBe(303);
    const location = new URL((await getAt(sp, SAML_PATHS.login)).headers.location!);
    expect(`${location.origin}${location.pathname}`).toBe(IDP_SSO_URL);
    expect(parseAuthnRequest(decodeRedirect(location.search.slice(1)).xml)).toMatchObject({ issuer: ORIGIN });
  });

  test('falls back to name, certificate and SAML endpoint by hand, which leaves no Issuer to compare (SPK-01)', async () => {
    const key = await idpKey();
    const { sp } = await samlSp(sparkpostProfile, { idp: false });
    await expect(
      sp.configureIdp({ certificatePem: key.certificatePem, ssoUrl: IDP_SSO_URL }),
    ).rejects.toThrow(/needs name/);
    await expect(sp.configureIdp({ metadataUrl: 'https://idp.test/metadata' })).rejects.toThrow(TypeError);
    await expect(
      sp.configureIdp({
        name: 'JumpCloud',
        certificatePem: key.certificatePem,
        ssoUrl: IDP_SSO_URL,
        entityId: 'x',
      }),
    ).rejects.toThrow(/no 'entityId' field/);

    await sp.configureIdp({ name: 'JumpCloud', certificatePem: key.certificatePem, ssoUrl: IDP_SSO_URL });
    sp.seedSamlUser({ userName: 'alice', email: 'alice@example.com' });
    expect(sp.idpSettings()).not.toHaveProperty('entityId');
    expect(
      (await postAcs(sp, await responseFor(sp, { input: { issuer: 'https://anything.test' } }))).status,
    ).toBe(303);
  });

  test('refuses a user who was not invited first', async () => {
    const { sp } = await samlSp(sparkpostProfile, { idp: { metadataXml: await metadataXml() } });
    await postAcs(sp, await responseFor(sp));

    expect(lastLogin(sp)).toMatchObject({ reason: 'unknown-user' });
  });
});
