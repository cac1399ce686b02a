import { beforeAll, describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { sharedKeyPair, type KeyPair } from './keys.js';
import { DIGEST_URI, ENVELOPED_SIGNATURE, EXCLUSIVE_C14N, SIGNATURE_URI, signXml } from './sign.js';
import { verifyElementSignature, type VerifyOptions } from './verify.js';
import { NS, SamlError, childElements, parseXml, serialize } from './xml.js';

let idp: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  [idp, stranger] = await Promise.all([
    sharedKeyPair('verify-test-idp'),
    sharedKeyPair('verify-test-stranger'),
  ]);
});

/** A minimal saml2:Assertion with an Issuer, a NameID and one attribute. */
function assertion(id = 'A1', nameId = 'alice@example.com'): string {
  return (
    `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="${id}" IssueInstant="2024-01-01T00:00:00Z" Version="2.0">` +
    '<saml2:Issuer>https://idp.example.com</saml2:Issuer>' +
    `<saml2:Subject><saml2:NameID>${nameId}</saml2:NameID></saml2:Subject>` +
    '<saml2:AttributeStatement><saml2:Attribute Name="role">' +
    '<saml2:AttributeValue>member</saml2:AttributeValue>' +
    '</saml2:Attribute></saml2:AttributeStatement>' +
    '</saml2:Assertion>'
  );
}

function response(inner: string, id = 'R1'): string {
  return `<saml2p:Response xmlns:saml2p="${NS.samlp}" ID="${id}" Version="2.0">${inner}</saml2p:Response>`;
}

/** Verifies the root (or, for a Response, its only saml2:Assertion child) of `xml`. */
function verifyAt(xml: string, which: 'root' | 'assertion' = 'root', options: Partial<VerifyOptions> = {}) {
  const doc = parseXml(xml);
  const root = doc.documentElement!;
  const element = which === 'root' ? root : childElements(root, NS.saml, 'Assertion')[0]!;
  return verifyElementSignature(doc, element, { trusted: [idp.certificatePem], ...options });
}

function refusal(run: () => unknown): SamlError {
  try {
    run();
  } catch (error) {
    if (error instanceof SamlError) return error;
    throw error;
  }
  throw new Error('expected a SamlError, but nothing was thrown');
}

describe('verifyElementSignature', () => {
  it('returns the signed element re-parsed from the verified bytes', () => {
    const doc = parseXml(signXml(assertion(), 'A1', idp));
    const original = doc.documentElement!;
    const verified = verifyElementSignature(doc, original, { trusted: [idp.certificatePem] });
    expect(verified.algorithm).toBe('rsa-sha256');
    expect(verified.element).not.toBe(original);
    expect(verified.element.ownerDocument).not.toBe(doc);
    expect(verified.element.localName).toBe('Assertion');
    expect(verified.element.getAttribute('ID')).toBe('A1');
    expect(childElements(verified.element, NS.ds, 'Signature')).toHaveLength(0);
    expect(verified.element.textContent).toContain('alice@example.com');
  });

  it('verifies a signed assertion inside a signed response', () => {
    const xml = signXml(response(signXml(assertion(), 'A1', idp)), 'R1', idp);
    expect(verifyAt(xml, 'root').element.localName).toBe('Response');
    expect(verifyAt(xml, 'assertion').element.getAttribute('ID')).toBe('A1');
  });

  it('accepts the signature when any pinned certificate matches (rotation)', () => {
    const xml = signXml(assertion(), 'A1', idp);
    const trusted = [stranger.certificatePem, idp.certificatePem];
    expect(verifyAt(xml, 'root', { trusted }).element.getAttribute('ID')).toBe('A1');
  });

  it('refuses a signed attribute value changed after signing', () => {
    const xml = signXml(assertion(), 'A1', idp).replace('>member<', '>admin<');
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-invalid');
  });

  it('refuses a message signed by a stranger key with its own certificate in KeyInfo', () => {
    const error = refusal(() => verifyAt(signXml(assertion(), 'A1', stranger)));
    expect(error.reason).toBe('untrusted-certificate');
    expect(error.message).toContain('verify-test-stranger');
  });

  it('refuses a stranger signature without KeyInfo as invalid', () => {
    const xml = signXml(assertion(), 'A1', stranger, { includeKeyInfo: false });
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-invalid');
  });

  it('never takes the key from KeyInfo, even when it is the pinned certificate', () => {
    // Signed by the stranger, but KeyInfo claims the pinned IdP certificate.
    const xml = signXml(assertion(), 'A1', stranger).replace(
      stranger.certificateBase64,
      idp.certificateBase64,
    );
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-invalid');
  });

  it('refuses an element without a signature', () => {
    const xml = signXml(assertion(), 'A1', idp).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-missing');
  });

  it('refuses an element with two signatures', () => {
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signXml(assertion(), 'A1', idp))![0];
    const xml = signXml(assertion(), 'A1', idp).replace(
      '</saml2:Assertion>',
      `${signature}</saml2:Assertion>`,
    );
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-multiple');
  });

  it('refuses a duplicated ID (signature wrapping)', () => {
    const signed = signXml(assertion(), 'A1', idp);
    const forged = signed.replace('alice@example.com', 'mallory@example.com');
    // XSW: the forged copy (carrying the original signature) first, the genuine one hidden after it.
    const xml = response(forged + signed);
    const doc = parseXml(xml);
    const [first, second] = childElements(doc.documentElement!, NS.saml, 'Assertion');
    for (const element of [first!, second!]) {
      const error = refusal(() => verifyElementSignature(doc, element, { trusted: [idp.certificatePem] }));
      expect(error.reason).toBe('signature-wrapping');
    }
  });

  it('refuses a signature moved onto an element it does not reference', () => {
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signXml(assertion(), 'A1', idp))![0];
    const xml = assertion('B2', 'mallory@example.com').replace(
      '</saml2:Issuer>',
      `</saml2:Issuer>${signature}`,
    );
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-wrapping');
  });

  it('refuses a reference to the whole document', () => {
    const xml = signXml(assertion(), 'A1', idp).replace('URI="#A1"', 'URI=""');
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-wrapping');
  });

  it('refuses a comment inside DigestValue', () => {
    // xml-crypto reads DigestValue through textContent, so this would verify; the comment alone is the attack shape.
    const xml = signXml(assertion(), 'A1', idp).replace(
      /<ds:DigestValue>(.{8})/,
      '<ds:DigestValue>$1<!---->',
    );
    expect(xml).toContain('<!---->');
    expect(refusal(() => verifyAt(xml)).reason).toBe('digest-invalid');
  });

  it('refuses a second SignedInfo, before or after SignatureValue', () => {
    const signed = signXml(assertion(), 'A1', idp);
    const signedInfo = /<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(signed)![0];
    const forgedInfo = signedInfo.replace('URI="#A1"', 'URI="#B2"');
    const before = signed.replace(signedInfo, signedInfo + forgedInfo);
    const after = signed.replace('</ds:SignatureValue>', `</ds:SignatureValue>${forgedInfo}`);
    expect(refusal(() => verifyAt(before)).reason).toBe('signature-invalid');
    expect(refusal(() => verifyAt(after)).reason).toBe('signature-invalid');
  });

  it('refuses RSA-SHA1 unless allowSha1 is set', () => {
    const xml = signXml(assertion(), 'A1', idp, { algorithm: 'rsa-sha1' });
    expect(refusal(() => verifyAt(xml)).reason).toBe('weak-algorithm');
    expect(verifyAt(xml, 'root', { allowSha1: true }).algorithm).toBe('rsa-sha1');
  });

  it('refuses a SHA-1 digest under an RSA-SHA256 signature unless allowSha1 is set', () => {
    const signer = new SignedXml({
      privateKey: idp.privateKey,
      publicCert: idp.certificatePem,
      signatureAlgorithm: SIGNATURE_URI['rsa-sha256'],
      canonicalizationAlgorithm: EXCLUSIVE_C14N,
    });
    signer.addReference({
      xpath: "//*[@ID='A1']",
      transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N],
      digestAlgorithm: DIGEST_URI['rsa-sha1'],
    });
    signer.computeSignature(assertion(), {
      prefix: 'ds',
      location: { reference: "//*[@ID='A1']", action: 'prepend' },
    });
    const xml = signer.getSignedXml();
    expect(refusal(() => verifyAt(xml)).reason).toBe('weak-algorithm');
    expect(verifyAt(xml, 'root', { allowSha1: true }).algorithm).toBe('rsa-sha256');
  });

  it('refuses an HMAC signature method', () => {
    const xml = signXml(assertion(), 'A1', idp).replace(
      SIGNATURE_URI['rsa-sha256'],
      'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
    );
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-invalid');
  });

  it('refuses a transform SAML does not allow', () => {
    const xml = signXml(assertion(), 'A1', idp).replace(
      `<ds:Transform Algorithm="${EXCLUSIVE_C14N}"/>`,
      '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>',
    );
    expect(refusal(() => verifyAt(xml)).reason).toBe('signature-invalid');
  });

  it('refuses an ID with a quote in it', () => {
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signXml(assertion(), 'A1', idp))![0];
    const xml = assertion(`A1' or '1'='1`).replace('</saml2:Issuer>', `</saml2:Issuer>${signature}`);
    expect(refusal(() => verifyAt(xml)).reason).toBe('malformed');
  });

  it('refuses everything when no certificate is pinned', () => {
    expect(refusal(() => verifyAt(signXml(assertion(), 'A1', idp), 'root', { trusted: [] })).reason).toBe(
      'untrusted-certificate',
    );
  });

  it('reads the signed NameID whole when a comment splits it', () => {
    const signed = signXml(assertion('A1', 'admin@example.com.evil.com'), 'A1', idp);
    const xml = signed.replace('admin@example.com.evil.com', 'admin@example.com<!---->.evil.com');
    const verified = verifyAt(xml).element;
    const nameId = childElements(childElements(verified, NS.saml, 'Subject')[0]!, NS.saml, 'NameID')[0]!;
    expect(nameId.childNodes).toHaveLength(1);
    expect(nameId.textContent).toBe('admin@example.com.evil.com');
  });

  it('reads the signed NameID whole when a processing instruction hides part of it', () => {
    // xml-crypto canonicalizes a PI as its bare data, so this verifies; only the verified bytes tell the truth.
    const signed = signXml(assertion('A1', 'admin@example.com.evil.com'), 'A1', idp);
    const xml = signed.replace('admin@example.com.evil.com', 'admin@example.com<?x .evil.com?>');
    const verified = verifyAt(xml).element;
    const nameId = childElements(childElements(verified, NS.saml, 'Subject')[0]!, NS.saml, 'NameID')[0]!;
    expect(nameId.textContent).toBe('admin@example.com.evil.com');
  });

  it('verifies a document whose text holds a carriage return', () => {
    const doc = parseXml(signXml(assertion('A1', 'line&#13;break'), 'A1', idp));
    const verified = verifyElementSignature(doc, doc.documentElement!, { trusted: [idp.certificatePem] });
    expect(serialize(verified.element)).toContain('line&#xD;break');
  });

  it('refuses a certificate pinned from garbage with a refusal, not a crash', () => {
    const error = refusal(() =>
      verifyAt(signXml(assertion(), 'A1', idp), 'root', { trusted: ['not a certificate'] }),
    );
    expect(error.reason).toBe('untrusted-certificate');
  });

  it('rejects an element from another document as misuse', () => {
    const other = parseXml(assertion());
    const doc = parseXml(signXml(assertion(), 'A1', idp));
    expect(() =>
      verifyElementSignature(doc, other.documentElement!, { trusted: [idp.certificatePem] }),
    ).toThrow(TypeError);
  });
});
