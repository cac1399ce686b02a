import { beforeAll, describe, expect, it } from 'vitest';
import {
  RESPONSE_STEPS,
  ReplayCache,
  runResponseSteps,
  validateResponse,
  type ResponsePolicy,
  type ResponseSteps,
} from './validate-response.js';
import {
  anySubjectConfirmation,
  firstAssertionAnywhere,
  firstSignedAssertion,
  readFirstTextNodes,
  skipped,
  trustKeyInfo,
  unclockedConditions,
  unclockedConfirmation,
  verifyFirstSignature,
} from './vulnerable.js';
import {
  NOW,
  ASSERTION,
  ADA,
  spKey,
  attackerKey,
  policy,
  clock,
  build,
  signedAfter,
  loadTestKeys,
} from './test-support.js';

beforeAll(loadTestKeys);

/** The ACS check with `vulnerable` steps in place of the strict ones. */
function withSteps(xml: string, vulnerable: Partial<ResponseSteps>, strict: ResponsePolicy) {
  return runResponseSteps({ ...RESPONSE_STEPS, ...vulnerable }, xml, strict);
}

const FIRST_TEXT_NODE: Partial<ResponseSteps> = {
  'name-id-text': skipped,
  'read-identity': readFirstTextNodes,
};

describe('validateResponse', () => {
  it('accepts a Response whose assertion is signed and returns the signed identity', async () => {
    const login = await validateResponse(await build(), policy());
    expect(login).toEqual({ ...ADA, assertionId: expect.stringMatching(/^[A-Z][A-Z0-9]{39}$/) });
  });

  it('accepts a Response signed as a whole where the Response signature is required', async () => {
    const xml = await build({}, { signAssertion: false, signResponse: true });
    expect(await validateResponse(xml, policy({ requireSigned: 'response' }))).toMatchObject(ADA);
    expect(await validateResponse(xml, policy({ requireSigned: 'either' }))).toMatchObject(ADA);
  });

  it('refuses a Response of another SAML version, and an Assertion of another version', async () => {
    const response = (await build()).replace(/(<saml2p:Response[^>]*) Version="2\.0"/, '$1 Version="1.1"');
    await expect(validateResponse(response, policy())).rejects.toMatchObject({ reason: 'malformed' });
    const assertion = await signedAfter((xml) =>
      xml.replace(/(<saml2:Assertion[^>]*) Version="2\.0"/, '$1 Version="1.1"'),
    );
    await expect(validateResponse(assertion, policy())).rejects.toThrow(/Assertion has Version '1\.1'/);
  });

  it('refuses a signed Response without a Destination; an unsigned one with a signed Assertion needs none (Bindings §3.5.5.2)', async () => {
    const withoutDestination = (xml: string) =>
      xml.replace(/(<saml2p:Response[^>]*) Destination="[^"]*"/, '$1');
    // The Destination is read before the Response's signature is checked, so the cut signature is not what refuses it.
    const signed = withoutDestination(await build({}, { signAssertion: false, signResponse: true }));
    await expect(validateResponse(signed, policy({ requireSigned: 'response' }))).rejects.toMatchObject({
      reason: 'destination-mismatch',
    });
    const unsigned = withoutDestination(await build());
    expect(unsigned).not.toMatch(/<saml2p:Response[^>]* Destination=/);
    expect(await validateResponse(unsigned, policy())).toMatchObject(ADA);
  });

  it('accepts a Response with both signatures where both are required', async () => {
    const xml = await build({}, { signResponse: true });
    expect(await validateResponse(xml, policy({ requireSigned: 'both' }))).toMatchObject(ADA);
  });

  it('accepts an encrypted signed assertion where encryption is required', async () => {
    const xml = await build({}, {}, spKey.certificatePem);
    const strict = policy({ decryptionKey: spKey, requireEncryptedAssertion: true });
    expect(await validateResponse(xml, strict)).toMatchObject(ADA);
  });

  it('accepts an encrypted unsigned assertion inside a signed Response', async () => {
    const xml = await build({}, { signAssertion: false, signResponse: true }, spKey.certificatePem);
    const login = await validateResponse(xml, policy({ decryptionKey: spKey, requireSigned: 'response' }));
    expect(login).toMatchObject(ADA);
  });

  it('accepts an unsolicited Response where IdP-initiated login is allowed', async () => {
    const login = await validateResponse(
      await build({ inResponseTo: undefined }),
      policy({ allowUnsolicited: true }),
    );
    expect(login).toMatchObject({ ...ADA, inResponseTo: undefined });
  });

  it.each([
    ['expired', 300 + 59],
    ['not yet valid', -300 - 60],
  ])('accepts an assertion %s within the clock skew', async (_, seconds) => {
    expect(await validateResponse(await build(), policy({ now: clock(seconds) }))).toMatchObject(ADA);
  });

  it('says what was expected and what was found', async () => {
    await expect(
      validateResponse(await build({ audience: 'https://evil.example' }), policy()),
    ).rejects.toThrow("Audience is 'https://evil.example' but this SP is 'https://sp.example'");
  });

  it('refuses a replayed assertion, and accepts it again when the replay step is skipped', async () => {
    const xml = await build();
    const replayCache = new ReplayCache(() => NOW);
    await validateResponse(xml, policy({ replayCache }));
    await expect(validateResponse(xml, policy({ replayCache }))).rejects.toMatchObject({ reason: 'replay' });
    await expect(withSteps(xml, { replay: skipped }, policy({ replayCache }))).resolves.toMatchObject(ADA);
  });

  it('never records a refused assertion in the replay cache', async () => {
    const replayCache = new ReplayCache(() => NOW);
    const wrongAudience = await build({ audience: 'https://evil.example' });
    await expect(validateResponse(wrongAudience, policy({ replayCache }))).rejects.toMatchObject({
      reason: 'audience-mismatch',
    });
    expect(replayCache.size).toBe(0);
  });

  it('refuses an unsolicited assertion whose unsigned Response claims an InResponseTo', async () => {
    const xml = (await build({ inResponseTo: undefined })).replace(
      ' IssueInstant=',
      ' InResponseTo="REQ-1" IssueInstant=',
    );
    await expect(validateResponse(xml, policy())).rejects.toMatchObject({
      reason: 'in-response-to-mismatch',
    });
  });

  it('refuses a validity time without a time zone as malformed', async () => {
    const xml = await signedAfter((text) =>
      text.replace('NotBefore="2025-03-01T11:55:00.000Z"', 'NotBefore="2025-03-01T11:55:00"'),
    );
    await expect(validateResponse(xml, policy())).rejects.toMatchObject({ reason: 'malformed' });
  });

  it('refuses a Response with no signature where either may carry it', async () => {
    const xml = await build({}, { signAssertion: false });
    await expect(validateResponse(xml, policy({ requireSigned: 'either' }))).rejects.toMatchObject({
      reason: 'signature-missing',
    });
  });

  it('refuses a Response without its signature where the Response must be signed', async () => {
    await expect(
      validateResponse(await build(), policy({ requireSigned: 'response' })),
    ).rejects.toMatchObject({
      reason: 'signature-missing',
    });
  });

  it('refuses an assertion altered after it was signed', async () => {
    const xml = (await build()).replace(
      '>ada@example.com</saml2:NameID>',
      '>mallory@example.com</saml2:NameID>',
    );
    const refusal = validateResponse(xml, policy());
    await expect(refusal).rejects.toMatchObject({ code: 'SAML_REFUSED' });
    await expect(refusal).rejects.toSatisfy((error: { reason: string }) =>
      ['digest-invalid', 'signature-invalid'].includes(error.reason),
    );
  });

  it('refuses a plain assertion where encryption is required, and an encrypted one without a key', async () => {
    const strict = policy({ decryptionKey: spKey, requireEncryptedAssertion: true });
    await expect(validateResponse(await build(), strict)).rejects.toMatchObject({
      reason: 'decryption-failed',
    });
    const encrypted = await build({}, {}, spKey.certificatePem);
    await expect(validateResponse(encrypted, policy())).rejects.toMatchObject({
      reason: 'decryption-failed',
    });
  });

  it('refuses a document whose root is not samlp:Response', async () => {
    const xml = (await build()).match(ASSERTION)![0];
    await expect(validateResponse(xml, policy())).rejects.toMatchObject({ reason: 'wrong-root' });
  });

  it('refuses a NameID split by a comment, which a first-text-node reader would truncate', async () => {
    const signed = await build({ nameId: { value: 'ada@example.com.evil.example' } });
    // Exclusive c14n drops comments, so the signature still verifies.
    const xml = signed.replace('ada@example.com.evil.example<', 'ada@example.com<!---->.evil.example<');
    await expect(validateResponse(xml, policy())).rejects.toMatchObject({ reason: 'malformed' });
    expect((await withSteps(xml, FIRST_TEXT_NODE, policy())).nameId).toBe('ada@example.com');
  });

  it('refuses an assertion wrapped in elsewhere, which a first-match reader would take', async () => {
    const evil =
      '<saml2p:Extensions><saml2:Assertion ID="EVIL" Version="2.0"><saml2:Subject>' +
      '<saml2:NameID>mallory@example.com</saml2:NameID></saml2:Subject><saml2:AttributeStatement>' +
      '<saml2:Attribute Name="email"><saml2:AttributeValue>mallory@example.com</saml2:AttributeValue>' +
      '</saml2:Attribute></saml2:AttributeStatement></saml2:Assertion></saml2p:Extensions>';
    const xml = (await build()).replace('<saml2p:Status>', `${evil}<saml2p:Status>`);
    await expect(validateResponse(xml, policy())).rejects.toMatchObject({ reason: 'assertion-multiple' });
    // The forged assertion has no Issuer, Conditions or AuthnStatement: a naive SP checks none of them.
    const vulnerable = await withSteps(
      xml,
      {
        ...FIRST_TEXT_NODE,
        'select-assertion': firstAssertionAnywhere,
        'response-signature': verifyFirstSignature,
        'assertion-signature': skipped,
        'response-issuer': skipped,
        'assertion-issuer': skipped,
        subject: skipped,
        'subject-confirmation': anySubjectConfirmation,
        'authn-statement': skipped,
        audience: skipped,
        'confirmation-time': unclockedConfirmation,
        'conditions-time': unclockedConditions,
        recipient: skipped,
      },
      policy(),
    );
    expect(vulnerable).toMatchObject({
      nameId: 'mallory@example.com',
      attributes: { email: ['mallory@example.com'] },
    });
    const firstAssertion = {
      'select-assertion': firstAssertionAnywhere,
      'select-signed-assertion': firstSignedAssertion,
    };
    await expect(withSteps(xml, firstAssertion, policy())).rejects.toMatchObject({
      reason: 'assertion-unsigned',
    });
  });

  it('takes the key from KeyInfo only when the signature-trust step trusts KeyInfo', async () => {
    const xml = await build({ nameId: { value: 'mallory@example.com' } }, { key: attackerKey });
    const vulnerable = await withSteps(xml, { 'signature-trust': trustKeyInfo }, policy());
    expect(vulnerable.nameId).toBe('mallory@example.com');
  });
});
