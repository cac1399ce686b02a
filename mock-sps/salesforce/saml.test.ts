import { describe, expect, test } from 'vitest';
import { formsOf } from '#harness/http';
import {
  decodePost,
  parseAuthnRequest,
  parseSpMetadata,
  parseXml,
  verifyElementSignature,
} from '#harness/saml';
import type { SpProfile } from '../core/profile.js';
import type { SamlFault } from '../core/saml-faults.js';
import { SAML_PATHS } from '../core/saml/saml-service.js';
import {
  IDP_SSO_URL,
  NOW,
  attackerKey,
  getAt,
  idpKey,
  lastLogin,
  postAcs,
  responseFor,
  samlSp,
  type ResponseOptions,
} from '../core/saml/test-support.js';
import { salesforceJitProfile, salesforceProfile } from './profile.js';

const ORIGIN = 'https://acme.my.salesforce.com';
const ACS = `${ORIGIN}/?sc=0LE5g000000JCSAML`;
/** SF-14/SF-16 setup: Issuer "JumpCloud" and the IdP login URL typed in; no certificate yet (the placeholder). */
const SETUP = { entityId: 'JumpCloud', ssoUrl: IDP_SSO_URL, name: 'JumpCloud' };

/** A Salesforce org with its placeholder replaced by the IdP certificate and alice as a user. */
async function readyOrg(profile: SpProfile = salesforceProfile, samlFaults: SamlFault[] = []) {
  const setup = await samlSp(profile, { idp: SETUP, samlFaults });
  setup.sp.replaceCertificate((await idpKey()).certificatePem);
  return setup;
}

describe('Salesforce SAML', () => {
  test('serves metadata with the request-signing and decryption certificate and the login URL as ACS (SF-14)', async () => {
    const { sp, saml } = await samlSp(salesforceProfile, { idp: SETUP });
    const spCertificate = (await saml.keys()).certificatePem;
    const metadata = parseSpMetadata((await getAt(sp, SAML_PATHS.metadata)).body!);

    expect(metadata).toMatchObject({
      entityId: 'https://saml.salesforce.com',
      acs: [{ url: ACS }],
      signingCertificates: [spCertificate],
      encryptionCertificates: [spCertificate],
      authnRequestsSigned: true,
    });
  });

  test('sends SP-initiated AuthnRequests over HTTP-POST, signed with its certificate (SF-14)', async () => {
    const { sp, saml } = await readyOrg();
    const page = await getAt(sp, `${SAML_PATHS.login}?RelayState=%2Fhome`);
    const [form] = formsOf(page.body!, ORIGIN);
    const xml = decodePost(form!.fields.SAMLRequest!);
    const doc = parseXml(xml);

    expect(page.status).toBe(200);
    expect(form).toMatchObject({ action: IDP_SSO_URL, method: 'POST', fields: { RelayState: '/home' } });
    expect(parseAuthnRequest(xml)).toMatchObject({
      issuer: 'https://saml.salesforce.com',
      acsUrl: ACS,
      signed: true,
    });
    const someoneElse = (await attackerKey()).certificatePem;
    expect(() => verifyElementSignature(doc, doc.documentElement!, { trusted: [someoneElse] })).toThrow();
    const verified = verifyElementSignature(doc, doc.documentElement!, {
      trusted: [(await saml.keys()).certificatePem],
    });
    expect(verified.algorithm).toBe('rsa-sha256');
  });

  test('refuses every assertion until the placeholder certificate is replaced (SF-16)', async () => {
    const { sp, saml } = await samlSp(salesforceProfile, { idp: SETUP });
    sp.seedSamlUser({ userName: 'alice@example.com', email: 'alice@example.com' });
    expect(sp.idpSettings()).toMatchObject({
      placeholder: true,
      certificates: [(await saml.keys()).certificatePem],
    });

    for (const key of [await idpKey(), await saml.keys()]) {
      expect((await postAcs(sp, await responseFor(sp, { signing: { key } }))).status).toBe(403);
      expect(lastLogin(sp)).toMatchObject({
        reason: 'placeholder-certificate',
        reasonName: 'Signature Invalid',
      });
    }
    sp.replaceCertificate((await idpKey()).certificatePem);
    expect((await postAcs(sp, await responseFor(sp))).status).toBe(303);
    expect(sp.idpSettings()).toMatchObject({ placeholder: false });
  });

  test('placeholder-certificate-accepted trusts the placeholder: its key signs in, the IdP cannot (SF-16)', async () => {
    const { sp, saml } = await samlSp(salesforceProfile, {
      idp: SETUP,
      samlFaults: ['placeholder-certificate-accepted'],
    });
    sp.seedSamlUser({ userName: 'alice@example.com' });

    expect((await postAcs(sp, await responseFor(sp, { signing: { key: await saml.keys() } }))).status).toBe(
      303,
    );
    expect((await postAcs(sp, await responseFor(sp))).status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ reason: 'untrusted-certificate' });
  });

  test('accepts an encrypted assertion for an existing username and refuses a plain one (SF-14, SF-15)', async () => {
    const { sp } = await readyOrg();
    sp.seedSamlUser({ userName: 'alice@example.com' });

    expect((await postAcs(sp, await responseFor(sp, { nameId: 'ALICE@example.com' }))).status).toBe(303);
    expect(lastLogin(sp)).toMatchObject({ outcome: 'success', user: 'alice@example.com' });
    expect((await postAcs(sp, await responseFor(sp, { encrypt: false }))).status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ reason: 'decryption-failed', reasonName: 'Assertion Invalid' });
    expect((await postAcs(sp, await responseFor(sp, { nameId: 'bob@example.com' }))).status).toBe(403);
    expect(lastLogin(sp)).toMatchObject({ reason: 'unknown-user' });
  });

  test("records refused logins under Salesforce's reason names (SF-19)", async () => {
    const { sp } = await readyOrg();
    sp.seedSamlUser({ userName: 'alice@example.com' });
    const cases: [string, ResponseOptions][] = [
      ['Assertion Expired', { input: { now: new Date(NOW.getTime() - 3_600_000) } }],
      ['Audience Invalid', { input: { audience: 'https://other.my.salesforce.com' } }],
      ['Issuer Mismatched', { input: { issuer: 'NotJumpCloud' } }],
      ['Recipient Mismatched', { input: { recipient: 'https://other.my.salesforce.com/' } }],
      ['Signature Invalid', { signing: { key: await attackerKey() } }],
      ['Subject Confirmation Error', { input: { inResponseTo: 'ID_NEVER_SENT' } }],
    ];
    for (const [name, options] of cases) {
      const res = await postAcs(sp, await responseFor(sp, options));
      expect(res.body, name).toContain(`<strong id="reason">${name}</strong>`);
      expect(lastLogin(sp), name).toMatchObject({ outcome: 'refused', reasonName: name });
    }
    const once = await responseFor(sp);
    await postAcs(sp, once);
    await postAcs(sp, once);
    expect(lastLogin(sp)).toMatchObject({ reason: 'replay', reasonName: 'Replay Detected' });
  });

  test('creates a user just in time from User. attributes, the Federation ID from the subject (SF-18)', async () => {
    const { sp } = await readyOrg(salesforceJitProfile);
    const attributes = {
      'User.Username': 'alice@acme.example',
      'User.Email': 'alice@example.com',
      'User.LastName': 'Smith',
      'User.FirstName': 'Alice',
      'User.ProfileId': 'Standard User',
      'User.FederationIdentifier': 'alice-fed',
    };
    expect((await postAcs(sp, await responseFor(sp, { nameId: 'alice-fed', attributes }))).status).toBe(303);
    expect(sp.samlUsers()).toMatchObject([
      {
        userName: 'alice@acme.example',
        email: 'alice@example.com',
        lastName: 'Smith',
        firstName: 'Alice',
        profileId: 'Standard User',
        federationId: 'alice-fed',
        source: 'jit',
      },
    ]);
  });

  test('refuses a JIT insert without LastName, or with another FederationIdentifier, creating nothing (SF-18)', async () => {
    const { sp } = await readyOrg(salesforceJitProfile);
    const base = { 'User.Username': 'bob@acme.example', 'User.ProfileId': 'Standard User' };

    await postAcs(sp, await responseFor(sp, { nameId: 'bob-fed', attributes: base }));
    expect(lastLogin(sp)).toMatchObject({
      reason: 'jit-missing-attribute',
      message: expect.stringContaining("'User.LastName'"),
    });
    const other = { ...base, 'User.LastName': 'Jones', 'User.FederationIdentifier': 'mallory-fed' };
    await postAcs(sp, await responseFor(sp, { nameId: 'bob-fed', attributes: other }));
    expect(lastLogin(sp)).toMatchObject({ reason: 'jit-subject-mismatch' });
    expect(sp.samlUsers()).toEqual([]);

    const loose = await readyOrg(salesforceJitProfile, ['jit-ignores-subject-mismatch']);
    expect(
      (await postAcs(loose.sp, await responseFor(loose.sp, { nameId: 'bob-fed', attributes: other }))).status,
    ).toBe(303);
  });

  test('compares the Federation ID case-sensitively unless "Make Federation ID case-insensitive" is on (SF-15)', async () => {
    const strict = await readyOrg(salesforceJitProfile);
    strict.sp.seedSamlUser({ userName: 'carol@acme.example', federationId: 'Carol-Fed' });
    await postAcs(strict.sp, await responseFor(strict.sp, { nameId: 'carol-fed' }));
    expect(lastLogin(strict.sp)).toMatchObject({ outcome: 'refused', reason: 'jit-missing-attribute' });

    const saml = {
      ...salesforceJitProfile.saml,
      identity: { ...salesforceJitProfile.saml.identity, caseInsensitive: true },
    };
    const loose = await readyOrg({ ...salesforceJitProfile, saml });
    loose.sp.seedSamlUser({ userName: 'carol@acme.example', federationId: 'Carol-Fed' });
    await postAcs(loose.sp, await responseFor(loose.sp, { nameId: 'carol-fed' }));
    expect(lastLogin(loose.sp)).toMatchObject({
      outcome: 'success',
      user: 'carol@acme.example',
      created: false,
    });
  });

  test('offers no login form: users sign in only through the IdP (SF-17)', async () => {
    const { sp } = await readyOrg();
    const signIn = await getAt(sp, SAML_PATHS.signIn);

    expect(signIn.body).toContain('Log in with JumpCloud');
    expect(signIn.body).not.toContain('id="login-form"');
    const post = await sp.handleAsync({
      method: 'POST',
      url: SAML_PATHS.signIn,
      headers: {},
      body: 'username=alice&password=x',
    });
    expect(post.status).toBe(403);
  });
});
