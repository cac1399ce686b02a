import { describe, expect, test } from 'vitest';
import { NAMEID_FORMAT, parseSpMetadata, pemToBase64 } from '#harness/saml';
import type { SamlFault } from '../core/saml-faults.js';
import { SAML_PATHS } from '../core/saml/saml-service.js';
import {
  IDP_ENTITY_ID,
  getAt,
  idpKey,
  lastLogin,
  postAcs,
  responseFor,
  samlSp,
} from '../core/saml/test-support.js';
import { profitcoProfile } from './profile.js';

const EMAIL = { nameIdFormat: NAMEID_FORMAT.emailAddress, attributes: { username: 'alice@example.com' } };

/** Profit.co with the IdP Entity ID and the bare X.509 certificate pasted in (PCO-01), and alice as a user. */
async function profitco(samlFaults: SamlFault[] = []) {
  const key = await idpKey();
  const setup = await samlSp(profitcoProfile, {
    samlFaults,
    idp: { entityId: IDP_ENTITY_ID, certificatePem: pemToBase64(key.certificatePem) },
  });
  setup.sp.seedSamlUser({ userName: 'alice@example.com', email: 'alice@example.com' });
  return setup;
}

describe('Profit.co SAML', () => {
  test('serves metadata with its URN Entity ID, its ACS on the region host, and the emailAddress NameID format (PCO-01)', async () => {
    const { sp } = await profitco();
    const metadata = parseSpMetadata((await getAt(sp, SAML_PATHS.metadata)).body!);

    expect(metadata).toMatchObject({
      entityId: 'urn:profit-prod:profit-prod-sso-auth',
      acs: [{ url: 'https://api.profit.co/saml/acs' }],
      nameIdFormats: [NAMEID_FORMAT.emailAddress],
      wantAssertionsSigned: true,
    });
  });

  test('signs in from a signed assertion with an emailAddress NameID (PCO-01)', async () => {
    const { sp } = await profitco();

    expect((await postAcs(sp, await responseFor(sp, EMAIL))).status).toBe(303);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'success', user: 'alice@example.com' });
  });

  test('refuses an unsigned assertion inside a signed Response (PCO-01)', async () => {
    const { sp } = await profitco();
    await postAcs(
      sp,
      await responseFor(sp, { ...EMAIL, signing: { signAssertion: false, signResponse: true } }),
    );

    expect(lastLogin(sp)).toMatchObject({ outcome: 'refused', reason: 'assertion-unsigned' });
    expect(sp.state().sessions).toEqual([]);
  });

  test('refuses a NameID of another format unless any-name-id-format is on (PCO-01)', async () => {
    const { sp } = await profitco();
    await postAcs(sp, await responseFor(sp, { attributes: EMAIL.attributes }));
    expect(lastLogin(sp)).toMatchObject({ reason: 'name-id-format-mismatch' });

    const loose = await profitco(['any-name-id-format']);
    expect(
      (await postAcs(loose.sp, await responseFor(loose.sp, { attributes: EMAIL.attributes }))).status,
    ).toBe(303);
  });

  test('refuses SHA-1 signatures (PCO-01: RSA-SHA256)', async () => {
    const { sp } = await profitco();
    await postAcs(sp, await responseFor(sp, { ...EMAIL, signing: { algorithm: 'rsa-sha1' } }));

    expect(lastLogin(sp)).toMatchObject({ reason: 'weak-algorithm' });
  });

  test('has no SP-initiated login: it is given no IdP sign-in URL', async () => {
    const { sp } = await profitco();

    expect((await getAt(sp, SAML_PATHS.login)).status).toBe(404);
  });
});
