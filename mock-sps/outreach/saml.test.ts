import { describe, expect, test } from 'vitest';
import { formsOf } from '#harness/http';
import { buildIdpMetadata, decodePost, parseAuthnRequest, parseSpMetadata } from '#harness/saml';
import { SAML_PATHS } from '../core/saml/saml-service.js';
import {
  IDP_ENTITY_ID,
  IDP_SSO_URL,
  attackerKey,
  getAt,
  idpKey,
  lastLogin,
  postAcs,
  responseFor,
  samlSp,
} from '../core/saml/test-support.js';
import { outreachProfile } from './profile.js';

const ORIGIN = 'https://api.outreach.io';
const JIT = { email: 'alice@example.com', first_name: 'Alice', last_name: 'Smith' };

/** The AuthnRequest in the POST form an SP-initiated or Test login answers with. */
function requestIn(html: string, base: string) {
  const [form] = formsOf(html, base);
  return { form: form!, request: parseAuthnRequest(decodePost(form!.fields.SAMLRequest!)) };
}

describe('Outreach SAML', () => {
  test('serves metadata whose Entity ID and ACS derive from the Outreach ID (OUT-01)', async () => {
    const { sp } = await samlSp(outreachProfile);
    const metadata = parseSpMetadata((await getAt(sp, SAML_PATHS.metadata)).body!);

    expect(metadata.entityId).toBe(`${ORIGIN}/saml/sp/4242`);
    expect(metadata.acs).toMatchObject([{ url: `${ORIGIN}/saml/acs/4242` }]);
    expect(metadata.authnRequestsSigned).toBe(false);
  });

  test('is configured by hand with sign-in URL, Issuer and certificate only (OUT-02)', async () => {
    const key = await idpKey();
    const { sp } = await samlSp(outreachProfile, { idp: false });
    const metadataXml = buildIdpMetadata({
      entityId: IDP_ENTITY_ID,
      ssoUrls: {},
      certificates: [key.certificatePem],
    });

    await expect(sp.configureIdp({ metadataXml })).rejects.toThrow(TypeError);
    await expect(
      sp.configureIdp({ entityId: IDP_ENTITY_ID, certificatePem: key.certificatePem }),
    ).rejects.toThrow(/needs ssoUrl/);
  });

  test('before Enable, only the Test login works and it shows the email from the assertion (OUT-03, OUT-04)', async () => {
    const { sp } = await samlSp(outreachProfile);

    const real = await postAcs(sp, await responseFor(sp, { attributes: JIT }));
    expect(real.status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ reason: 'sso-disabled', nameId: 'alice@example.com' });
    expect((await getAt(sp, SAML_PATHS.login)).status).toBe(403);

    const start = await getAt(sp, SAML_PATHS.testLogin);
    const { form, request } = requestIn(start.body!, sp.origin);
    expect(form.action).toBe(IDP_SSO_URL);
    const test_ = await postAcs(
      sp,
      await responseFor(sp, { attributes: JIT, input: { inResponseTo: request.id } }),
    );
    expect(test_.status).toBe(200);
    expect(test_.body).toContain('User email: <strong id="email">alice@example.com</strong>');
    expect(test_.body).toContain('data-match="false"');
    expect(lastLogin(sp)).toMatchObject({ outcome: 'success', test: true });
    expect(sp.samlUsers()).toEqual([]);
    expect(sp.state().sessions).toEqual([]);
  });

  test('after Enable, creates the user just in time and signs it in from either side (OUT-05, OUT-06)', async () => {
    const { sp } = await samlSp(outreachProfile);
    sp.enableSso();

    const first = await postAcs(sp, await responseFor(sp, { attributes: JIT }));
    expect(first.status).toBe(303);
    expect(sp.samlUsers()).toMatchObject([
      {
        userName: 'alice@example.com',
        email: 'alice@example.com',
        firstName: 'Alice',
        lastName: 'Smith',
        source: 'jit',
      },
    ]);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'success', created: true });

    const start = await getAt(sp, `${SAML_PATHS.login}?RelayState=home`);
    const { form, request } = requestIn(start.body!, sp.origin);
    expect(form.fields.RelayState).toBe('home');
    expect(request).toMatchObject({
      issuer: `${ORIGIN}/saml/sp/4242`,
      acsUrl: `${ORIGIN}/saml/acs/4242`,
      signed: false,
    });
    const second = await postAcs(
      sp,
      await responseFor(sp, { attributes: JIT, input: { inResponseTo: request.id } }),
    );
    expect(second.status).toBe(303);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'success', created: false, inResponseTo: request.id });
    expect(sp.samlUsers()).toHaveLength(1);
  });

  test('refuses a JIT login missing a required attribute, creating nothing (OUT-05)', async () => {
    const { sp } = await samlSp(outreachProfile);
    sp.enableSso();
    const res = await postAcs(
      sp,
      await responseFor(sp, { attributes: { email: JIT.email, first_name: 'Alice' } }),
    );

    expect(res.status).toBe(403);
    expect(res.body).toContain('&#39;last_name&#39;');
    expect(lastLogin(sp)).toMatchObject({ reason: 'jit-missing-attribute' });
    expect(sp.samlUsers()).toEqual([]);
  });

  test('refuses an assertion without the email attribute it reads the user from', async () => {
    const { sp } = await samlSp(outreachProfile);
    sp.enableSso();
    await postAcs(sp, await responseFor(sp, { attributes: { first_name: 'A', last_name: 'B' } }));

    expect(lastLogin(sp)).toMatchObject({ reason: 'identity-missing' });
  });

  test('refuses another Issuer and another signing key (OUT-02)', async () => {
    const { sp } = await samlSp(outreachProfile);
    sp.enableSso();
    await postAcs(
      sp,
      await responseFor(sp, { attributes: JIT, input: { issuer: 'https://other-idp.test' } }),
    );
    expect(lastLogin(sp)).toMatchObject({ reason: 'issuer-mismatch' });
    await postAcs(sp, await responseFor(sp, { attributes: JIT, signing: { key: await attackerKey() } }));
    expect(lastLogin(sp)).toMatchObject({ reason: 'untrusted-certificate' });
  });

  test('jit-without-required-attributes and login-before-enable let their logins through', async () => {
    const jit = await samlSp(outreachProfile, { samlFaults: ['jit-without-required-attributes'] });
    jit.sp.enableSso();
    expect(
      (await postAcs(jit.sp, await responseFor(jit.sp, { attributes: { email: JIT.email } }))).status,
    ).toBe(303);
    expect(jit.sp.samlUsers()).toMatchObject([{ email: 'alice@example.com' }]);

    const early = await samlSp(outreachProfile, { samlFaults: ['login-before-enable'] });
    expect((await postAcs(early.sp, await responseFor(early.sp, { attributes: JIT }))).status).toBe(303);
    expect((await getAt(early.sp, SAML_PATHS.login)).status).toBe(200);
  });
});
