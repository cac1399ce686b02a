import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_ENCRYPTION, KEY_TRANSPORT, decryptAssertion, encryptAssertion } from './encrypt.js';
import { sharedKeyPair, type KeyPair } from './keys.js';
import { signXml } from './sign.js';
import { verifyElementSignature } from './verify.js';
import { NS, SamlError, childElements, parseXml } from './xml.js';

let idp: KeyPair;
let sp: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  [idp, sp, stranger] = await Promise.all([
    sharedKeyPair('encrypt-test-idp'),
    sharedKeyPair('encrypt-test-sp'),
    sharedKeyPair('encrypt-test-stranger'),
  ]);
});

const ASSERTION =
  `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="A1" Version="2.0">` +
  '<saml2:Issuer>https://idp.example.com</saml2:Issuer>' +
  '<saml2:Subject><saml2:NameID>alice@example.com &amp; co</saml2:NameID></saml2:Subject>' +
  '</saml2:Assertion>';

async function encrypted(xml = ASSERTION, certificatePem = sp.certificatePem): Promise<Element> {
  return parseXml(await encryptAssertion(xml, certificatePem)).documentElement!;
}

async function refusal(run: () => Promise<unknown>): Promise<SamlError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SamlError) return error;
    throw error;
  }
  throw new Error('expected a SamlError, but nothing was thrown');
}

describe('encryptAssertion and decryptAssertion', () => {
  it('round-trips an assertion through a saml:EncryptedAssertion', async () => {
    const element = await encrypted();
    expect(element.namespaceURI).toBe(NS.saml);
    expect(element.localName).toBe('EncryptedAssertion');
    expect(element.textContent).not.toContain('alice@example.com');
    expect(await decryptAssertion(element, sp)).toBe(ASSERTION);
  });

  it('uses AES-256-GCM for the content and RSA-OAEP for the key', async () => {
    const data = childElements(await encrypted(), NS.xenc, 'EncryptedData')[0]!;
    expect(childElements(data, NS.xenc, 'EncryptionMethod')[0]?.getAttribute('Algorithm')).toBe(
      CONTENT_ENCRYPTION,
    );
    const key = data.getElementsByTagNameNS(NS.xenc, 'EncryptedKey')[0]!;
    expect(childElements(key, NS.xenc, 'EncryptionMethod')[0]?.getAttribute('Algorithm')).toBe(KEY_TRANSPORT);
  });

  it('refuses to decrypt with the wrong private key', async () => {
    const error = await refusal(async () => decryptAssertion(await encrypted(), stranger));
    expect(error.reason).toBe('decryption-failed');
  });

  it('refuses ciphertext that was tampered with', async () => {
    const element = await encrypted();
    const cipherValue = childElements(
      childElements(childElements(element, NS.xenc, 'EncryptedData')[0]!, NS.xenc, 'CipherData')[0]!,
      NS.xenc,
      'CipherValue',
    )[0]!;
    const bytes = Buffer.from(cipherValue.textContent!, 'base64');
    bytes[20] = (bytes[20] ?? 0) ^ 0xff;
    cipherValue.textContent = bytes.toString('base64');
    expect((await refusal(() => decryptAssertion(element, sp))).reason).toBe('decryption-failed');
  });

  it('refuses an EncryptedAssertion without EncryptedData as malformed', async () => {
    const element = parseXml(`<saml:EncryptedAssertion xmlns:saml="${NS.saml}"/>`).documentElement!;
    expect((await refusal(() => decryptAssertion(element, sp))).reason).toBe('malformed');
  });

  it('keeps a signed assertion verifiable through encryption (sign, then encrypt)', async () => {
    const element = await encrypted(signXml(ASSERTION, 'A1', idp));
    const doc = parseXml(await decryptAssertion(element, sp));
    const verified = verifyElementSignature(doc, doc.documentElement!, { trusted: [idp.certificatePem] });
    expect(verified.element.getAttribute('ID')).toBe('A1');
  });

  it('rejects a non-assertion or a bad certificate as misuse', async () => {
    await expect(encryptAssertion('<a/>', sp.certificatePem)).rejects.toThrow(TypeError);
    await expect(encryptAssertion(ASSERTION, 'not a certificate')).rejects.toThrow(TypeError);
  });
});
