/**
 * Verification of the enveloped signature on one SAML element, paranoid by
 * default: the structure of ds:Signature is checked before any cryptography,
 * the key only ever comes from the pinned certificates, and what is returned is
 * the element re-parsed from the canonical bytes whose digest was verified — never
 * a node of the original document, so wrapped or commented content cannot ride along.
 * The work is done once on the document already parsed: canonical.ts turns the
 * element and SignedInfo into octets with xml-crypto's exclusive c14n, node:crypto
 * hashes and verifies them with the pinned certificate's KeyObject.
 * @see SAML 2.0 Core §5.4, XML Signature 1.1 §3.2 (core validation), docs/conformance.md "SAML 2.0"
 */
import { createHash, timingSafeEqual, verify as verifySignature, type KeyObject } from 'node:crypto';
import { canonicalReference, canonicalSignedInfo, signatureParts, type SignatureParts } from './canonical.js';
import { x509Of } from './certificate.js';
import { base64ToPem, pemToBase64 } from './keys.js';
import { HASH_NAME, type SigningAlgorithm } from './sign.js';
import { checkSignatureStructure, checkedId } from './signature-structure.js';
import { NS, SamlError, childElements, parseXml } from './xml.js';

/** An element whose signature verified. @see XML Signature 1.1 §3.2 */
export interface VerifiedElement {
  /**
   * The signed element, re-parsed from the canonical bytes whose digest matched (exactly what xml-crypto's
   * getSignedReferences() would give): comments and its own enveloped ds:Signature removed. Read values from this,
   * never from the input.
   */
  element: Element;
  algorithm: SigningAlgorithm;
}

/** What a verifier trusts. @see SAML 2.0 Core §5.4.5 (KeyInfo), OUT-02 */
export interface VerifyOptions {
  /** Pinned certificates (PEM). KeyInfo in the message is NEVER used to pick the key. */
  trusted: readonly string[];
  /**
   * Accept rsa-sha1 / sha1 digests; otherwise SamlError('weak-algorithm').
   * @default false
   */
  allowSha1?: boolean;
}

/** node:crypto hash of each DigestMethod checkSignatureStructure lets through. @see XML Signature 1.1 §6.2 */
const DIGEST_HASH: ReadonlyMap<string, string> = new Map([
  ['http://www.w3.org/2000/09/xmldsig#sha1', 'sha1'],
  ['http://www.w3.org/2001/04/xmlenc#sha256', 'sha256'],
  ['http://www.w3.org/2001/04/xmlenc#sha512', 'sha512'],
]);
const TEXT_NODE = 3;

/**
 * Verifies the one ds:Signature that is a direct child of `element`: exactly one (else signature-missing /
 * signature-multiple), one Reference whose URI is '#'+element's ID attribute, the ID unique in the document (else
 * signature-wrapping), no quote characters in the ID, the digest of the element's canonical form (enveloped-signature
 * + exclusive c14n) and the SignatureValue over canonical SignedInfo with a pinned certificate's key, and returns the
 * element parsed from those canonical bytes. Throws SamlError('signature-invalid' | 'untrusted-certificate' |
 * 'digest-invalid' | 'weak-algorithm' …).
 * @see SAML 2.0 Core §5.4.1–5.4.5, XML Signature 1.1 §3.2, docs/conformance.md "SAML 2.0"
 */
export function verifyElementSignature(
  doc: Document,
  element: Element,
  options: VerifyOptions,
): VerifiedElement {
  if (element.ownerDocument !== doc) {
    throw new TypeError('verifyElementSignature: the element does not belong to the document passed with it');
  }
  const pinned = pinnedCertificates(options.trusted);
  const where = `<${element.tagName}>`;

  const signatures = childElements(element, NS.ds, 'Signature');
  if (signatures.length === 0) {
    throw new SamlError(
      'signature-missing',
      `${where} is not signed: it has no ds:Signature child (SAML Core §5.4.1)`,
    );
  }
  if (signatures.length > 1 || !signatures[0]) {
    throw new SamlError(
      'signature-multiple',
      `${where} has ${signatures.length} ds:Signature children; a signed SAML element carries exactly one`,
    );
  }
  const signature = signatures[0];
  const id = checkedId(doc, element, where);
  const algorithm = checkSignatureStructure(signature, id, where, options.allowSha1 ?? false);
  const parts = signatureParts(signature);

  // Reference validation first, as XML Signature 1.1 §3.2.1 orders it: a changed element is named as such.
  const reference = canonical(where, () => canonicalReference(element, signature, parts.transforms));
  checkDigest(reference, parts, id, where);

  const signedInfo = Buffer.from(
    canonical(where, () => canonicalSignedInfo(parts.signedInfo, parts.canonicalizationMethod)),
    'utf8',
  );
  const signatureValue = Buffer.from(textOf(parts.signatureValue).replace(/\s+/g, ''), 'base64');
  const check = (certificate: PinnedCertificate): true | false | string =>
    verifies(algorithm, signedInfo, signatureValue, certificate.publicKey);
  let failure: string | undefined;
  for (const certificate of pinned) {
    const outcome = check(certificate);
    if (outcome === true) return { element: signedElement(reference, element, id), algorithm };
    if (typeof outcome === 'string') failure = outcome;
  }
  if (failure !== undefined) {
    throw new SamlError('signature-invalid', `${where} signature cannot be verified: ${failure}`);
  }

  // Only to name the problem: a signature that verifies with the KeyInfo certificate is valid but untrusted.
  const offered = keyInfoCertificate(signature);
  if (offered && !pinned.some((certificate) => certificate.base64 === offered.base64)) {
    if (check(offered) === true) {
      throw new SamlError(
        'untrusted-certificate',
        `${where} is signed by a certificate that is not pinned (KeyInfo subject ${offered.subject}); ` +
          'the SP trusts only the IdP certificate it was configured with — pin that certificate or sign with its key',
      );
    }
  }
  throw new SamlError(
    'signature-invalid',
    `${where} signature does not verify with any of the ${pinned.length} pinned certificate(s) (SignatureValue is wrong)`,
  );
}

/** Runs a canonicalization; its refusals are prefixed with the element, anything it throws is a refusal. */
function canonical(where: string, run: () => string): string {
  try {
    return run();
  } catch (error) {
    if (error instanceof SamlError) throw new SamlError(error.reason, `${where} signature: ${error.message}`);
    throw new SamlError('signature-invalid', `${where} signature cannot be verified: ${describe(error)}`);
  }
}

/**
 * The DigestValue (one text node, compared in constant time) against the hash of the canonical element.
 * @see XML Signature 1.1 §3.2.1 (reference validation)
 */
function checkDigest(reference: string, parts: SignatureParts, id: string, where: string): void {
  const nodes = parts.digestValue.childNodes;
  const only = nodes.item(0);
  if (nodes.length !== 1 || only?.nodeType !== TEXT_NODE) {
    throw new SamlError(
      'digest-invalid',
      `${where} signature: ds:DigestValue must be base64 text only; it contains a comment or markup`,
    );
  }
  const supplied = (only.nodeValue ?? '').replace(/\s+/g, '');
  const hash = DIGEST_HASH.get(parts.digestMethod.getAttribute('Algorithm') ?? '');
  if (!hash)
    throw new TypeError('verifyElementSignature: DigestMethod passed checkSignatureStructure unmapped');
  const calculated = createHash(hash).update(reference, 'utf8').digest();
  const expected = Buffer.from(supplied, 'base64');
  if (expected.length !== calculated.length || !timingSafeEqual(expected, calculated)) {
    throw new SamlError(
      'signature-invalid',
      `${where} was changed after it was signed: for uri #${id} calculated digest is ${calculated.toString('base64')} ` +
        `but the xml to validate supplies digest ${supplied} (XML Signature 1.1 §3.2.1 reference validation)`,
    );
  }
}

/** true when it verifies, false when it does not, a description when the key cannot be used at all. */
function verifies(
  algorithm: SigningAlgorithm,
  signedInfo: Buffer,
  signatureValue: Buffer,
  publicKey: KeyObject,
): true | false | string {
  // An RSA SignatureMethod is checked with an RSA key only: node:crypto would run ECDSA with an EC key.
  if (publicKey.asymmetricKeyType !== 'rsa') {
    return `the certificate holds a ${publicKey.asymmetricKeyType ?? 'non-RSA'} key but the SignatureMethod is ${algorithm}`;
  }
  try {
    return verifySignature(HASH_NAME[algorithm], signedInfo, publicKey, signatureValue);
  } catch (error) {
    return describe(error);
  }
}

interface PinnedCertificate {
  pem: string;
  base64: string;
  subject: string;
  /** Loaded once per certificate text (see {@link PINNED}), never per message. */
  publicKey: KeyObject;
}

/** Pinned certificates by their PEM text as configured; bounded, as the texts can come from data. */
const PINNED = new Map<string, PinnedCertificate>();
const PINNED_LIMIT = 64;

function pinnedCertificates(trusted: readonly string[]): PinnedCertificate[] {
  if (!Array.isArray(trusted))
    throw new TypeError('verifyElementSignature: options.trusted must be an array of PEM certificates');
  if (trusted.length === 0) {
    throw new SamlError(
      'untrusted-certificate',
      'No IdP certificate is pinned, so no signature can be trusted; configure the IdP signing certificate',
    );
  }
  // Pinned certificates often come from data (metadata, an admin form), so a bad one is a refusal, not a crash.
  return trusted.map((text, index) => {
    const known = PINNED.get(text);
    if (known) return known;
    let certificate: PinnedCertificate;
    try {
      certificate = describeCertificate(pemToBase64(text));
    } catch (error) {
      throw new SamlError(
        'untrusted-certificate',
        `Pinned certificate #${index + 1} cannot be read (${describe(error)}); ` +
          "fix the SP's IdP certificate configuration",
      );
    }
    if (PINNED.size >= PINNED_LIMIT) PINNED.clear();
    PINNED.set(text, certificate);
    return certificate;
  });
}

function describeCertificate(base64: string): PinnedCertificate {
  const pem = base64ToPem(base64);
  const certificate = x509Of(pem);
  return {
    pem,
    base64,
    subject: certificate.subject.replace(/\n/g, ', '),
    publicKey: certificate.publicKey,
  };
}

/** Re-parses the verified bytes and checks they are the element that was asked about. */
function signedElement(reference: string, original: Element, id: string): Element {
  // The bytes come from a document that passed parseXml; only their canonical form can be larger.
  const signed = parseXml(reference, {
    maxBytes: Number.MAX_SAFE_INTEGER,
    maxDepth: Number.MAX_SAFE_INTEGER,
  }).documentElement;
  if (
    !signed ||
    signed.namespaceURI !== original.namespaceURI ||
    signed.localName !== original.localName ||
    signed.getAttributeNode('ID')?.value !== id
  ) {
    throw new SamlError('signature-wrapping', `the signed reference is not <${original.tagName} ID="${id}">`);
  }
  return signed;
}

function keyInfoCertificate(signature: Element): PinnedCertificate | undefined {
  const text = childElements(signature, NS.ds, 'KeyInfo')
    .flatMap((keyInfo) => childElements(keyInfo, NS.ds, 'X509Data'))
    .flatMap((data) => childElements(data, NS.ds, 'X509Certificate'))[0]?.textContent;
  try {
    return text ? describeCertificate(text.replace(/\s+/g, '')) : undefined;
  } catch {
    return undefined;
  }
}

function textOf(element: Element): string {
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) text += child.nodeValue ?? '';
  return text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
