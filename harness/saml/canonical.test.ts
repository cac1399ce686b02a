// Before @peculiar/x509: its dependency tsyringe refuses to load without Reflect metadata.
import './reflect-metadata.js';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { systemTool } from '../../test/support/tools.js';
import { sharedKeyPair, type KeyPair } from './keys.js';
import { buildResponse, type ResponseInput, type SigningPolicy } from './response.js';
import { DIGEST_URI, ENVELOPED_SIGNATURE, EXCLUSIVE_C14N, SIGNATURE_URI, signXml } from './sign.js';
import { checkSignatureStructure, checkedId } from './signature-structure.js';
import { verifyElementSignature } from './verify.js';
import { NS, SamlError, childElements, parseXml, serialize } from './xml.js';

const XMLSEC1 = systemTool('xmlsec1', 'The xmlsec1-signed corpus document');
/**
 * Every how many characters the tamper sweep changes one. The full sweep (1: about 21,000 documents, each checked by
 * both verifiers, close to a minute on 2 cores) is for changes to verify.ts or canonical.ts; the default keeps the
 * suite quick and still reaches every offset class, each document starting at a different one.
 */
const TAMPER_STRIDE = Number(process.env.SSO_HARNESS_TAMPER_STRIDE ?? 4);
const INCLUSIVE_C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';

let idp: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  [idp, stranger] = await Promise.all([
    sharedKeyPair('canonical-test-idp'),
    sharedKeyPair('canonical-test-stranger'),
  ]);
});

/** One signed element of a corpus document: the root Response, or its one Assertion. */
interface Target {
  name: string;
  xml: string;
  which: 'root' | 'assertion';
  allowSha1?: boolean;
}

const INPUT: ResponseInput = {
  issuer: 'https://idp.example.com',
  destination: 'https://sp.example.com/acs',
  audience: 'https://sp.example.com',
  inResponseTo: 'REQ1',
  nameId: { value: 'alice@example.com' },
  attributes: [{ name: 'groups', values: ['eng', 'ops'] }],
  now: new Date('2025-01-01T00:00:00Z'),
};

async function built(
  signing: Omit<SigningPolicy, 'key'>,
  input: Partial<ResponseInput> = {},
): Promise<string> {
  let n = 0;
  const newId = (): string => `ID${++n}`;
  return (await buildResponse({ ...INPUT, ...input, newId }, { key: idp, ...signing })).xml;
}

/** An assertion signed by xml-crypto with InclusiveNamespaces on both c14n steps; `xs` is bound on the Response only. */
function withInclusiveNamespaces(): string {
  const xml =
    `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:xs="${NS.xs}" ID="R1">` +
    `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="A1"><saml2:Issuer>https://idp.example.com</saml2:Issuer>` +
    `<saml2:AttributeValue xmlns:xsi="${NS.xsi}" xsi:type="xs:string">eng</saml2:AttributeValue>` +
    '</saml2:Assertion></samlp:Response>';
  const signer = new SignedXml({
    privateKey: idp.privateKey,
    signatureAlgorithm: SIGNATURE_URI['rsa-sha256'],
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
    inclusiveNamespacesPrefixList: ['xs'],
  });
  signer.addReference({
    xpath: "//*[@ID='A1']",
    transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N],
    digestAlgorithm: DIGEST_URI['rsa-sha256'],
    inclusiveNamespacesPrefixList: ['xs', 'saml2', 'xsi'],
  });
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: "//*[@ID='A1']/*[local-name(.)='Issuer']", action: 'after' },
  });
  return signer.getSignedXml();
}

/** The same shape signed by xmlsec1 (libxml2's c14n): indented Signature, wrapped SignatureValue, a comment outside. */
async function signedByXmlsec(xmlsec1: string): Promise<string> {
  const template =
    `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:xs="${NS.xs}" ID="R1">\n  <!-- outside -->\n` +
    `  <saml2:Assertion xmlns:saml2="${NS.saml}" ID="A1"><saml2:Issuer>https://idp.example.com</saml2:Issuer>` +
    `<ds:Signature xmlns:ds="${NS.ds}">\n    <ds:SignedInfo>\n` +
    `      <ds:CanonicalizationMethod Algorithm="${EXCLUSIVE_C14N}"/>\n` +
    `      <ds:SignatureMethod Algorithm="${SIGNATURE_URI['rsa-sha256']}"/>\n` +
    `      <ds:Reference URI="#A1"><ds:Transforms><ds:Transform Algorithm="${ENVELOPED_SIGNATURE}"/>` +
    `<ds:Transform Algorithm="${EXCLUSIVE_C14N}"><ec:InclusiveNamespaces xmlns:ec="${EXCLUSIVE_C14N}" PrefixList="xs"/>` +
    `</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="${DIGEST_URI['rsa-sha256']}"/><ds:DigestValue/></ds:Reference>\n` +
    '    </ds:SignedInfo>\n    <ds:SignatureValue/>\n  </ds:Signature>' +
    `<saml2:AttributeValue xmlns:xsi="${NS.xsi}" xsi:type="xs:string">R&amp;D &lt;eng&gt; "quoted"</saml2:AttributeValue>` +
    '</saml2:Assertion>\n</samlp:Response>\n';
  const dir = await mkdtemp(join(tmpdir(), 'sso-harness-c14n-'));
  try {
    await writeFile(join(dir, 'key.pem'), idp.privateKeyPem);
    await writeFile(join(dir, 'template.xml'), template);
    const args = ['--sign', '--privkey-pem', join(dir, 'key.pem'), '--id-attr:ID', `${NS.saml}:Assertion`];
    await promisify(execFile)(xmlsec1, [
      ...args,
      '--output',
      join(dir, 'signed.xml'),
      join(dir, 'template.xml'),
    ]);
    return await readFile(join(dir, 'signed.xml'), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function corpus(): Promise<Target[]> {
  const assertionSigned = await built({ signAssertion: true, signResponse: false });
  // Both signed without KeyInfo (the assertion's KeyInfo is inside what the response signature covers).
  const both = signXml(withoutKeyInfo(assertionSigned), 'ID1', idp, { includeKeyInfo: false });
  const escaping = await built(
    { signAssertion: true, signResponse: false },
    {
      nameId: { value: `o'neil+<tag>&"x"@example.com` },
      attributes: [{ name: 'display & "name"', values: ['R&D <eng>', 'tab\there\nline\r\nend', 'é ✓ 𝄞'] }],
    },
  );
  // KeyInfo never picks the key, and its ~1,100 certificate characters would make most of each sweep; one
  // document keeps it (and the stranger's, so that refusal names the certificate).
  const targets: Target[] = [
    { name: 'assertion-signed (with KeyInfo)', xml: assertionSigned, which: 'assertion' },
    {
      name: 'response-signed',
      xml: await built({ signAssertion: false, signResponse: true }),
      which: 'root',
    },
    { name: 'both signed: the response', xml: both, which: 'root' },
    { name: 'both signed: the assertion', xml: both, which: 'assertion' },
    { name: 'InclusiveNamespaces on both c14n steps', xml: withInclusiveNamespaces(), which: 'assertion' },
    { name: 'attribute values needing escaping', xml: escaping, which: 'assertion' },
    {
      name: 'comments outside (and inside) the signed element',
      xml: `<!-- before -->${assertionSigned.replace('<saml2p:Status>', '<!-- in the response --><saml2p:Status>').replace('<saml2:Subject>', '<saml2:Subject><!-- in the assertion -->')}<!-- after -->`,
      which: 'assertion',
    },
    {
      name: 'RSA-SHA1 with allowSha1',
      xml: await built({ signAssertion: true, signResponse: false, algorithm: 'rsa-sha1' }),
      which: 'assertion',
      allowSha1: true,
    },
    {
      name: 'signed by a stranger key',
      xml: (await buildResponse({ ...INPUT }, { key: stranger, signAssertion: true, signResponse: false }))
        .xml,
      which: 'assertion',
    },
  ];
  if (XMLSEC1 !== undefined)
    targets.push({ name: 'signed by xmlsec1', xml: await signedByXmlsec(XMLSEC1), which: 'assertion' });
  return targets.map((target) =>
    target.name.includes('KeyInfo') || target.name.includes('stranger')
      ? target
      : { ...target, xml: withoutKeyInfo(target.xml) },
  );
}

/** KeyInfo is outside SignedInfo and the enveloped signature is outside the digest: removing it keeps the signature. */
function withoutKeyInfo(xml: string): string {
  return xml.replace(/<ds:KeyInfo>[\s\S]*?<\/ds:KeyInfo>/g, '');
}

function elementOf(doc: Document, which: Target['which']): Element | undefined {
  const root = doc.documentElement ?? undefined;
  return which === 'root' || !root ? root : childElements(root, NS.saml, 'Assertion')[0];
}

/** Our verdict: the canonical bytes serialized again when valid, undefined when refused. */
function ours(doc: Document, element: Element, allowSha1 = false): string | undefined {
  try {
    return serialize(
      verifyElementSignature(doc, element, { trusted: [idp.certificatePem], allowSha1 }).element,
    );
  } catch (error) {
    if (error instanceof SamlError) return undefined;
    throw error;
  }
}

/**
 * The previous verifier's verdict on the same text: the structural gate both share (one ds:Signature, a unique
 * XPath-safe ID, checkSignatureStructure), then xml-crypto's loadSignature(that ds:Signature) + checkSignature(xml),
 * and the element re-parsed from getSignedReferences().
 */
function xmlCrypto(xml: string, doc: Document, element: Element, allowSha1 = false): string | undefined {
  const [signature, ...more] = childElements(element, NS.ds, 'Signature');
  if (!signature || more.length > 0) return undefined;
  try {
    checkSignatureStructure(signature, checkedId(doc, element, 'element'), 'element', allowSha1);
  } catch (error) {
    if (error instanceof SamlError) return undefined;
    throw error;
  }
  const verifier = new SignedXml({ publicCert: idp.certificatePem });
  try {
    verifier.loadSignature(signature);
    const [reference] = verifier.checkSignature(xml) ? verifier.getSignedReferences() : [];
    return reference === undefined ? undefined : serialize(parseXml(reference).documentElement!);
  } catch {
    return undefined;
  }
}

/** A different character that tends to keep the document well-formed. */
function tampered(character: string): string {
  const code = character.charCodeAt(0);
  if (/[a-y]|[A-Y]|[0-8]/.test(character)) return String.fromCharCode(code + 1);
  const swaps: Record<string, string> = { z: 'a', Z: 'A', '9': '0', ' ': '\t', '+': '/', '/': '+', '=': 'A' };
  return swaps[character] ?? (character === '-' ? '.' : '-');
}

/** Where the signed element sits in the text. */
function range(xml: string, which: Target['which']): [number, number] {
  if (which === 'root') return [xml.indexOf('<saml', xml.indexOf('-->') + 1), xml.length];
  const start = xml.indexOf('<saml2:Assertion');
  return [start, xml.indexOf('</saml2:Assertion>') + '</saml2:Assertion>'.length];
}

describe('canonical verification against xml-crypto checkSignature', () => {
  it('agrees on every corpus document and returns the same verified bytes', async () => {
    for (const target of await corpus()) {
      const doc = parseXml(target.xml);
      const element = elementOf(doc, target.which)!;
      const expected = target.name.includes('stranger') ? undefined : expect.any(String);
      expect({ target: target.name, ours: ours(doc, element, target.allowSha1) }).toEqual({
        target: target.name,
        ours: expected,
      });
      expect(ours(doc, element, target.allowSha1), target.name).toBe(
        xmlCrypto(target.xml, doc, element, target.allowSha1),
      );
    }
  });

  it(`agrees on every ${TAMPER_STRIDE === 1 ? '' : `${TAMPER_STRIDE}th `}single-character tamper of each signed element`, async () => {
    const disagreements: string[] = [];
    // Per document: tampers tried, and those still a document with the signed element (the others are
    // refused before any signature is looked at). The corpus depends on the tools installed.
    const counts = new Map<string, { tried: number; compared: number }>();
    for (const [index, target] of (await corpus()).entries()) {
      const [start, end] = range(target.xml, target.which);
      const count = { tried: 0, compared: 0 };
      counts.set(target.name, count);
      for (let at = start + (index % TAMPER_STRIDE); at < end; at += TAMPER_STRIDE) {
        count.tried++;
        const xml = target.xml.slice(0, at) + tampered(target.xml.charAt(at)) + target.xml.slice(at + 1);
        let doc: Document;
        try {
          doc = parseXml(xml);
        } catch {
          continue; // not a document any more: refused before any signature is looked at
        }
        const element = elementOf(doc, target.which);
        if (!element) continue;
        count.compared++;
        const verdicts = [
          ours(doc, element, target.allowSha1),
          xmlCrypto(xml, doc, element, target.allowSha1),
        ];
        if (verdicts[0] !== verdicts[1]) {
          disagreements.push(
            `${target.name} @${at - start} '${target.xml.charAt(at)}': ours ${verdicts[0] ? 'valid' : 'invalid'}, xml-crypto ${verdicts[1] ? 'valid' : 'invalid'}`,
          );
        }
      }
    }
    // Every document's sweep must reach its signed element: most tampers keep the document well formed.
    const thin = [...counts].filter(([, count]) => count.tried < 100 || count.compared < count.tried / 2);
    expect(thin.map(([name, count]) => `${name}: ${count.compared} of ${count.tried}`)).toEqual([]);
    expect(disagreements).toEqual([]);
  }, 240_000);
});

describe('canonical verification refusals', () => {
  /** The minimal assertion of verify.test.ts, signed by xml-crypto with the given algorithms. */
  function signedWith(transforms: string[], canonicalization = EXCLUSIVE_C14N): string {
    const signer = new SignedXml({
      privateKey: idp.privateKey,
      signatureAlgorithm: SIGNATURE_URI['rsa-sha256'],
      canonicalizationAlgorithm: canonicalization,
    });
    signer.addReference({ xpath: "//*[@ID='A1']", transforms, digestAlgorithm: DIGEST_URI['rsa-sha256'] });
    signer.computeSignature(
      `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="A1"><saml2:Issuer>https://idp.example.com</saml2:Issuer></saml2:Assertion>`,
      { prefix: 'ds', location: { reference: "//*[@ID='A1']/*[local-name(.)='Issuer']", action: 'after' } },
    );
    return signer.getSignedXml();
  }

  function refusal(xml: string): SamlError {
    const doc = parseXml(xml);
    try {
      verifyElementSignature(doc, doc.documentElement!, { trusted: [idp.certificatePem] });
    } catch (error) {
      if (error instanceof SamlError) return error;
      throw error;
    }
    throw new Error('expected a SamlError, but the signature verified');
  }

  it('refuses a reference whose octets would come from inclusive c14n', () => {
    for (const transforms of [[ENVELOPED_SIGNATURE], [ENVELOPED_SIGNATURE, INCLUSIVE_C14N]]) {
      const error = refusal(signedWith(transforms));
      expect(error.reason).toBe('signature-invalid');
      expect(error.message).toContain('transforms are');
    }
  });

  it('refuses exclusive c14n applied before enveloped-signature', () => {
    expect(refusal(signedWith([EXCLUSIVE_C14N, ENVELOPED_SIGNATURE])).message).toContain('transforms are');
  });

  it('refuses SignedInfo canonicalized with inclusive c14n', () => {
    const error = refusal(signedWith([ENVELOPED_SIGNATURE, EXCLUSIVE_C14N], INCLUSIVE_C14N));
    expect(error.reason).toBe('signature-invalid');
    expect(error.message).toContain('is not exclusive c14n');
  });

  it('refuses InclusiveNamespaces in another namespace or beside another element', () => {
    const signed = signXml(
      `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="A1"><saml2:Issuer>i</saml2:Issuer></saml2:Assertion>`,
      'A1',
      idp,
    );
    const c14n = `<ds:Transform Algorithm="${EXCLUSIVE_C14N}"/>`;
    for (const inside of ['<x:InclusiveNamespaces xmlns:x="urn:x" PrefixList="xs"/>', '<ds:Foo/>']) {
      const xml = signed.replace(
        c14n,
        `<ds:Transform Algorithm="${EXCLUSIVE_C14N}">${inside}</ds:Transform>`,
      );
      expect(refusal(xml).message).toContain('may hold only one ec:InclusiveNamespaces');
    }
  });

  it('refuses a pinned certificate whose key is not RSA under an RSA SignatureMethod', async () => {
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=ec-idp',
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      signingAlgorithm: algorithm,
      keys: keys as unknown as CryptoKeyPair,
    });
    const doc = parseXml(signedWith([ENVELOPED_SIGNATURE, EXCLUSIVE_C14N]));
    const run = (): unknown =>
      verifyElementSignature(doc, doc.documentElement!, { trusted: [certificate.toString('pem')] });
    expect(run).toThrow(SamlError);
    expect(run).toThrow(
      /cannot be verified: the certificate holds a ec key but the SignatureMethod is rsa-sha256/,
    );
  });

  it('leaves the document it verifies unchanged', async () => {
    for (const xml of [withInclusiveNamespaces(), await built({ signAssertion: true, signResponse: true })]) {
      const doc = parseXml(xml);
      const before = serialize(doc);
      const assertion = childElements(doc.documentElement!, NS.saml, 'Assertion')[0]!;
      verifyElementSignature(doc, assertion, { trusted: [idp.certificatePem] });
      expect(serialize(doc)).toBe(before);
    }
  });
});
