import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../test/support/tools.js';
import { sharedKeyPair, type KeyPair } from './keys.js';
import { SignedXml } from 'xml-crypto';
import {
  DIGEST_URI,
  ENVELOPED_SIGNATURE,
  EXCLUSIVE_C14N,
  SIGNATURE_URI,
  signXml,
  type SignXmlOptions,
} from './sign.js';
import { NS, childElements, parseXml } from './xml.js';

const XMLSEC1 = systemTool('xmlsec1', 'xmlsec1 cross-check');

let idp: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  [idp, stranger] = await Promise.all([sharedKeyPair('sign-test-idp'), sharedKeyPair('sign-test-stranger')]);
});

function assertion(id = 'A1', withIssuer = true): string {
  return (
    `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="${id}" IssueInstant="2024-01-01T00:00:00Z" Version="2.0">` +
    (withIssuer ? '<saml2:Issuer>https://idp.example.com</saml2:Issuer>' : '') +
    '<saml2:Subject><saml2:NameID>alice@example.com</saml2:NameID></saml2:Subject>' +
    '</saml2:Assertion>'
  );
}

/** The element children of `element`, as `prefix:localName`. */
function childNames(element: Element): string[] {
  return Array.from(element.childNodes)
    .filter((node) => node.nodeType === 1)
    .map((node) => (node as Element).tagName);
}

function signatureOf(xml: string): Element {
  return childElements(parseXml(xml).documentElement!, NS.ds, 'Signature')[0]!;
}

function algorithmOf(signature: Element, localName: string): string | null {
  return signature.getElementsByTagNameNS(NS.ds, localName)[0]?.getAttribute('Algorithm') ?? null;
}

/** Runs `xmlsec1 --verify` with the certificate pinned; resolves to its exit status and output. */
async function xmlsecVerify(xml: string, certificatePem: string): Promise<{ ok: boolean; output: string }> {
  if (XMLSEC1 === undefined) throw new Error('xmlsec1 is not installed');
  const dir = await mkdtemp(join(tmpdir(), 'sso-harness-xmlsec-'));
  try {
    await writeFile(join(dir, 'cert.pem'), certificatePem);
    await writeFile(join(dir, 'signed.xml'), xml);
    const args = [
      '--verify',
      '--pubkey-cert-pem',
      join(dir, 'cert.pem'),
      '--id-attr:ID',
      `${NS.saml}:Assertion`,
    ];
    try {
      const { stdout, stderr } = await promisify(execFile)(XMLSEC1, [...args, join(dir, 'signed.xml')]);
      return { ok: true, output: stdout + stderr };
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      return { ok: false, output: stdout + stderr };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('signXml', () => {
  it('places the signature right after the Issuer with exclusive c14n, RSA-SHA256 and a SHA-256 digest', () => {
    const xml = signXml(assertion(), 'A1', idp);
    expect(childNames(parseXml(xml).documentElement!)).toEqual([
      'saml2:Issuer',
      'ds:Signature',
      'saml2:Subject',
    ]);
    const signature = signatureOf(xml);
    expect(algorithmOf(signature, 'CanonicalizationMethod')).toBe(EXCLUSIVE_C14N);
    expect(algorithmOf(signature, 'SignatureMethod')).toBe(SIGNATURE_URI['rsa-sha256']);
    expect(algorithmOf(signature, 'DigestMethod')).toBe(DIGEST_URI['rsa-sha256']);
    const transforms = Array.from(signature.getElementsByTagNameNS(NS.ds, 'Transform')).map((transform) =>
      transform.getAttribute('Algorithm'),
    );
    expect(transforms).toEqual([ENVELOPED_SIGNATURE, EXCLUSIVE_C14N]);
    expect(signature.getElementsByTagNameNS(NS.ds, 'Reference')[0]?.getAttribute('URI')).toBe('#A1');
  });

  it('publishes the certificate in KeyInfo/X509Data/X509Certificate', () => {
    const signature = signatureOf(signXml(assertion(), 'A1', idp));
    const certificate = signature.getElementsByTagNameNS(NS.ds, 'X509Certificate')[0];
    expect(certificate?.textContent).toBe(idp.certificateBase64);
    expect(certificate?.parentNode?.parentNode?.nodeName).toBe('ds:KeyInfo');
  });

  it('leaves KeyInfo out when asked', () => {
    const signature = signatureOf(signXml(assertion(), 'A1', idp, { includeKeyInfo: false }));
    expect(childNames(signature)).toEqual(['ds:SignedInfo', 'ds:SignatureValue']);
  });

  it('signs with RSA-SHA1 and a SHA-1 digest only when asked', () => {
    const signature = signatureOf(signXml(assertion(), 'A1', idp, { algorithm: 'rsa-sha1' }));
    expect(algorithmOf(signature, 'SignatureMethod')).toBe(SIGNATURE_URI['rsa-sha1']);
    expect(algorithmOf(signature, 'DigestMethod')).toBe(DIGEST_URI['rsa-sha1']);
  });

  it('puts the signature first when the element has no Issuer', () => {
    const xml = signXml(assertion('A1', false), 'A1', idp);
    expect(childNames(parseXml(xml).documentElement!)).toEqual(['ds:Signature', 'saml2:Subject']);
  });

  it('signs a nested element by its ID', () => {
    const xml = signXml(
      `<saml2p:Response xmlns:saml2p="${NS.samlp}" ID="R1">${assertion()}</saml2p:Response>`,
      'A1',
      idp,
    );
    const inner = childElements(parseXml(xml).documentElement!, NS.saml, 'Assertion')[0]!;
    expect(childNames(inner)).toEqual(['saml2:Issuer', 'ds:Signature', 'saml2:Subject']);
  });

  it('uses the prefix it is given', () => {
    expect(signXml(assertion(), 'A1', idp, { prefix: 'dsig' })).toContain('<dsig:Signature xmlns:dsig=');
  });

  it('refuses an ID that could inject XPath, an unknown ID and a second signature', () => {
    expect(() => signXml(assertion(), "A1' or '1'='1", idp)).toThrow(TypeError);
    expect(() => signXml(assertion(), 'B2', idp)).toThrow(/exactly one element with ID="B2"/);
    expect(() => signXml(signXml(assertion(), 'A1', idp), 'A1', idp)).toThrow(/already signed/);
  });

  it.skipIf(XMLSEC1 === undefined)(
    'produces a signature xmlsec1 verifies with the certificate pinned',
    async () => {
      const xml = signXml(assertion(), 'A1', idp);
      const verified = await xmlsecVerify(xml, idp.certificatePem);
      expect(verified.output).toMatch(/^OK$/m);
      expect(verified.ok).toBe(true);
      const tampered = await xmlsecVerify(xml.replace('alice@', 'mallory@'), idp.certificatePem);
      expect(tampered.ok).toBe(false);
      const foreign = await xmlsecVerify(signXml(assertion(), 'A1', stranger), idp.certificatePem);
      expect(foreign.ok).toBe(false);
    },
  );
});

/**
 * xml-crypto's SignedXml, configured as signXml signs: the signer signXml replaced. RSA PKCS#1
 * v1.5 signatures are deterministic, so the two must give the same bytes.
 */
function xmlCryptoSign(xml: string, id: string, key: KeyPair, options: SignXmlOptions = {}): string {
  const algorithm = options.algorithm ?? 'rsa-sha256';
  const element = `//*[@ID='${id}']`;
  const signer = new SignedXml({
    privateKey: key.privateKey,
    ...(options.includeKeyInfo === false ? {} : { publicCert: key.certificatePem }),
    signatureAlgorithm: SIGNATURE_URI[algorithm],
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  signer.addReference({
    xpath: element,
    transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N],
    digestAlgorithm: DIGEST_URI[algorithm],
  });
  const hasIssuer = /<(\w+:)?Issuer[ >]/.test(xml.slice(xml.indexOf(`ID="${id}"`)));
  signer.computeSignature(xml, {
    prefix: options.prefix ?? 'ds',
    location: hasIssuer
      ? {
          reference: `${element}/*[local-name(.)='Issuer' and namespace-uri(.)='${NS.saml}']`,
          action: 'after',
        }
      : { reference: element, action: 'prepend' },
  });
  return signer.getSignedXml();
}

describe('signXml beside xml-crypto SignedXml', () => {
  const response = (inner: string) =>
    `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="R1" Version="2.0">` +
    `<saml:Issuer>https://idp.example.com</saml:Issuer>${inner}</samlp:Response>`;
  const cases: [string, () => string, string, SignXmlOptions][] = [
    ['an assertion', () => assertion(), 'A1', {}],
    ['an assertion without an Issuer', () => assertion('A1', false), 'A1', {}],
    ['an assertion in a Response', () => response(assertion()), 'A1', {}],
    ['a Response around a signed assertion', () => response(signXml(assertion(), 'A1', idp)), 'R1', {}],
    ['with RSA-SHA1', () => assertion(), 'A1', { algorithm: 'rsa-sha1' }],
    ['without KeyInfo', () => assertion(), 'A1', { includeKeyInfo: false }],
    ['with another prefix', () => assertion(), 'A1', { prefix: 'dsig' }],
    ['with no prefix', () => assertion(), 'A1', { prefix: '' }],
    [
      'with namespaces declared above, a comment, entities and a carriage return',
      () =>
        response(
          `<saml2:Assertion xmlns:saml2="${NS.saml}" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="A9" Version="2.0">` +
            '<saml2:Issuer>https://idp.example.com</saml2:Issuer><!-- note -->' +
            '<saml2:AttributeStatement><saml2:Attribute Name="a&amp;b"><saml2:AttributeValue>x &lt; y&#13;z</saml2:AttributeValue>' +
            '</saml2:Attribute></saml2:AttributeStatement></saml2:Assertion>',
        ),
      'A9',
      {},
    ],
  ];

  it.each(cases)('gives the same bytes for %s', (_name, xml, id, options) => {
    const input = xml();
    expect(signXml(input, id, idp, options)).toBe(xmlCryptoSign(input, id, idp, options));
  });
});
